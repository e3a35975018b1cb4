'use strict';

/**
 * Row 2: the public status endpoint (GET /api/invitations/:token: the rate limit's hit, then one
 * indexed lookup by token hash) under the same load as two references, autocannon with 20
 * connections, in alternating rounds on one site:
 *   - Strapi's own GET /_health (no database), the floor;
 *   - a plain content-API lookup of one entry by a unique field, `GET /api/bench-entries?filters[code][$eq]=…`
 *     on a public collection type only the bench's app has (bench/lib/app.js): what a site would
 *     write instead of this plugin. The status endpoint must stay ahead of it.
 *
 * The plugin's rate limit is on, with each store (the memory one on SQLite and PostgreSQL, the
 * database one on PostgreSQL, where it is the default), and a `max` no load reaches: the row
 * measures what the limit costs a request, never a 429. Any non-2xx answer fails the row.
 */
const autocannon = require('autocannon');
const { withSite } = require('../lib/site');
const { request, expectStatus } = require('../lib/http');
const { compareInRounds, median } = require('../lib/stats');
const format = require('../lib/format');

const TARGET = 0.6;
const CONNECTIONS = 20;
const ENTRY_CODE = 'bench-entry-42';
const SETUPS = [
  { client: 'sqlite', label: 'SQLite', store: 'memory' },
  { client: 'postgres', label: 'PostgreSQL', store: 'memory' },
  { client: 'postgres', label: 'PostgreSQL', store: 'database' },
];

const siteOptions = ({ client, store }, extra = {}) => ({
  client,
  benchEntries: true,
  env: { DISABLE_RATE_LIMIT: 'false', INVITATIONS_RATE_LIMIT_MAX: '1000000000', INVITATIONS_RATE_LIMIT_STORE: store },
  ...extra,
});

/** Requests per second answered with 2xx; records the site's CPU time per request in `cpuPerRequest`. */
const load = async (site, url, seconds, cpuPerRequest = []) => {
  const cpuBefore = site.cpuMs();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  if (cpuBefore !== null) cpuPerRequest.push((site.cpuMs() - cpuBefore) / result['2xx']);
  const statuses = Object.keys(result.statusCodeStats ?? {}).join(', ');
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${url.replace(/[A-Za-z0-9_-]{43}$/, '<token>')}: ${result.non2xx} non-2xx (${statuses}), ${result.errors} errors, ${result.timeouts} timeouts`
    );
  }
  return result['2xx'] / result.duration;
};

/** The three URLs of a site, each checked once for its answer: autocannon counts statuses only. */
const urlsOf = async (site) => {
  const invitation = await site.createInvitation({ name: 'Row 2', maxUses: 100 });
  await site.createPublicBenchEntry(ENTRY_CODE);
  const urls = {
    status: `${site.url}/api/invitations/${invitation.token}`,
    health: `${site.url}/_health`,
    lookup: `${site.url}/api/bench-entries?filters[code][$eq]=${ENTRY_CODE}`,
  };
  const { body: status } = expectStatus(await request(urls.status), 200, 'status endpoint');
  if (status?.data?.remaining !== 100) {
    throw new Error(`status endpoint: expected { data: { remaining: 100 } }, got ${JSON.stringify(status).slice(0, 500)}`);
  }
  const { body: lookup } = expectStatus(await request(urls.lookup), 200, 'content-API lookup');
  if (lookup?.data?.length !== 1 || lookup.data[0].code !== ENTRY_CODE) {
    throw new Error(`content-API lookup: expected the one entry ${ENTRY_CODE}, got ${JSON.stringify(lookup).slice(0, 500)}`);
  }
  return urls;
};

const cpuDetail = (label, cpu) =>
  cpu.status.length && cpu.health.length && cpu.lookup.length
    ? `${label}: site CPU per request ${format.ms(median(cpu.status))} status endpoint, ${format.ms(median(cpu.lookup))} content-API lookup, ${format.ms(median(cpu.health))} /_health`
    : null;

const measure = (bench, setup) => async (site) => {
  const urls = await urlsOf(site);
  const seconds = bench.rounds(5, 3);
  const rounds = bench.rounds(5, 2);
  for (const url of Object.values(urls)) await load(site, url, 2); // warm-up
  const cpu = { status: [], health: [], lookup: [] };
  const label = `${setup.label}, ${setup.store} store`;
  const compare = (reference) =>
    compareInRounds({
      rounds,
      baseline: () => load(site, urls[reference], seconds, cpu[reference]),
      subject: () => load(site, urls.status, seconds, cpu.status),
      onRound: ({ round, baseline, subject, ratio }) =>
        bench.log(
          `${label}, against ${reference}, round ${round + 1}/${rounds}: ${format.perSecond(subject)} / ${format.perSecond(baseline)} = ${format.ratio(ratio)}`
        ),
    });
  const health = await compare('health');
  const lookup = await compare('lookup');
  const line = (result, against, target) => ({
    measure: `${label}: requests per second against ${against}, ${CONNECTIONS} connections, ${seconds} s × ${rounds} rounds each`,
    baseline: format.perSecond(result.baseline),
    subject: format.perSecond(result.subject),
    ratio: result.ratio,
    ratioRange: result.ratioRange,
    target: `throughput ratio ≥ ${target}`,
    met: result.ratio >= target,
  });
  return [
    { ...line(health, 'GET /_health', TARGET), details: [cpuDetail(label, cpu)].filter(Boolean) },
    line(lookup, 'a content-API lookup by a unique field', 1),
  ];
};

const countStatements = (setup) => async (site) => {
  const urls = await urlsOf(site);
  for (const url of Object.values(urls)) await request(url); // warm-up
  const counts = {};
  for (const [name, url] of Object.entries(urls)) counts[name] = await site.queriesOf(() => request(url));
  return `SQL statements per request (${setup.label}, ${setup.store} store): ${counts.status} for the status endpoint, ${counts.lookup} for the content-API lookup, ${counts.health} for /_health`;
};

module.exports = {
  id: '2',
  title: 'Public status endpoint vs Strapi’s GET /_health and a content-API lookup',
  target: `throughput ratio ≥ ${TARGET} (/_health), ≥ 1 (lookup)`,

  async run(bench) {
    const lines = [];
    for (const setup of SETUPS) {
      const measured = await withSite(siteOptions(setup), measure(bench, setup), [
        { measure: `${setup.label}: not installed here`, met: null },
      ]);
      const counted = await withSite(siteOptions(setup, { countQueries: true }), countStatements(setup));
      if (counted) (measured[0].details ??= []).push(counted);
      lines.push(...measured);
    }
    return lines;
  },
};
