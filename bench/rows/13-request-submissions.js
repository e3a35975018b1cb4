'use strict';

/**
 * Row 13: 1,000 access requests sent at once to POST /api/invitations/requests, one in ten of them
 * a repeat of one address in another case. Correctness: every answer is the 202 (no 5xx), and the
 * database holds exactly one request per address, the repeated one counting all its repeats.
 * Shown: the time for all of them, and the rate.
 */
const { onEachDatabase } = require('../lib/site');
const { connect } = require('../lib/databases');
const { ACCESS_REQUEST_TABLE } = require('../lib/seed');
const { request, dropIdleSockets } = require('../lib/http');
const format = require('../lib/format');

const SUBMISSIONS = 1_000;
const REPEAT_EVERY = 10;
const REPEATED = 'repeated@example.com';

/** The address of submission `index`: a repeat of REPEATED (its case changing) or an address of its own. */
const addressOf = (round, index) =>
  index % REPEAT_EVERY === 0
    ? [...REPEATED].map((character, position) => ((index >> (position % 4)) & 1 ? character.toUpperCase() : character)).join('')
    : `submitter-${round}-${index}@example.com`;

const tally = (responses) => responses.reduce((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

const measure = (bench) => async (site) => {
  const label = site.database.label;
  const count = SUBMISSIONS;
  const knex = connect(site.database);
  try {
    dropIdleSockets();
    const started = process.hrtime.bigint();
    const responses = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        request(`${site.url}/api/invitations/requests`, { method: 'POST', body: { email: addressOf(0, index) } })
      )
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const statuses = tally(responses);
    const rows = await knex(ACCESS_REQUEST_TABLE).select('normalized_email', 'request_count');
    const addresses = new Set(Array.from({ length: count }, (_, index) => addressOf(0, index).toLowerCase()));
    const perAddress = new Map();
    for (const row of rows) perAddress.set(row.normalized_email, (perAddress.get(row.normalized_email) ?? 0) + 1);
    const repeats = Math.ceil(count / REPEAT_EVERY);
    const repeatedRow = rows.find((row) => row.normalized_email === REPEATED);
    const correct =
      statuses[202] === count &&
      rows.length === addresses.size &&
      [...perAddress.values()].every((rowsOfAddress) => rowsOfAddress === 1) &&
      Number(repeatedRow?.request_count) === repeats;
    const text =
      `${describe(statuses)}; ${rows.length} rows for ${addresses.size} addresses, the repeated one counting ` +
      `${repeatedRow?.request_count ?? 0} of ${repeats}; ${format.seconds(ms)} (${Math.round((count / ms) * 1000)} a second)`;
    bench.log(`${label}: ${text}`);
    return [
      {
        measure: `${label}: ${format.count(count)} requests at once, one in ${REPEAT_EVERY} a repeat of one address`,
        baseline: '—',
        subject: format.seconds(ms),
        ratio: null,
        met: correct,
        correct,
        details: [`${label}: ${text}${correct ? '' : ' — WRONG'}`],
      },
    ];
  } finally {
    await knex.destroy();
  }
};

const describe = (statuses) =>
  Object.entries(statuses)
    .map(([status, number]) => `${number} × ${status}`)
    .join(', ');

module.exports = {
  id: '13',
  title: 'Access requests: 1,000 submissions at once, some repeats of one address',
  target: 'no 5xx, exactly one row per address',

  run: (bench) => onEachDatabase({}, measure(bench)),
};
