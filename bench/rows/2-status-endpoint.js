'use strict';

/**
 * Row 2: the public status endpoint (GET /api/invitations/:token, one indexed lookup by token
 * hash) against Strapi's own GET /_health (no database), under the same load: autocannon with 20
 * connections, in alternating rounds on one site.
 *
 * The bench sites run with DISABLE_RATE_LIMIT=true (bench/lib/site.js): a per-IP limiter on the
 * status endpoint would answer 429 to this load and the row would measure the limiter, so any
 * non-2xx answer fails the row rather than being counted.
 */
const autocannon = require('autocannon');
const { withSite } = require('../lib/site');
const { request, expectStatus } = require('../lib/http');
const { compareInRounds, median } = require('../lib/stats');
const format = require('../lib/format');

const TARGET = 0.6;
const CONNECTIONS = 20;

/** Requests per second answered with 2xx; records the site's CPU time per request in `cpuPerRequest`. */
const load = async (site, url, seconds, cpuPerRequest = []) => {
  const cpuBefore = site.cpuMs();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  if (cpuBefore !== null) cpuPerRequest.push((site.cpuMs() - cpuBefore) / result['2xx']);
  const statuses = Object.keys(result.statusCodeStats ?? {}).join(', ');
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    const limited = result.statusCodeStats?.['429']
      ? ' (429: a rate limiter answered; turn it off for the bench, see bench/lib/site.js)'
      : '';
    throw new Error(
      `${url.replace(/[A-Za-z0-9_-]{43}$/, '<token>')}: ${result.non2xx} non-2xx (${statuses}), ${result.errors} errors, ${result.timeouts} timeouts${limited}`
    );
  }
  return result['2xx'] / result.duration;
};

const measure = (bench) => async (site) => {
  const invitation = await site.createInvitation({ name: 'Row 2', maxUses: 100 });
  const statusUrl = `${site.url}/api/invitations/${invitation.token}`;
  const healthUrl = `${site.url}/_health`;
  // autocannon counts statuses only: once, the answer itself, so that a 2xx saying something else
  // (another route, an empty body) is not what gets measured.
  const { body } = expectStatus(await request(statusUrl), 200, 'status endpoint');
  if (body?.data?.remaining !== 100) {
    throw new Error(`status endpoint: expected { data: { remaining: 100 } }, got ${JSON.stringify(body).slice(0, 500)}`);
  }
  const seconds = bench.rounds(5, 3);
  const rounds = bench.rounds(5, 2);
  await load(site, statusUrl, 2); // warm-up
  await load(site, healthUrl, 2);
  const cpu = { status: [], health: [] };
  const result = await compareInRounds({
    rounds,
    baseline: () => load(site, healthUrl, seconds, cpu.health),
    subject: () => load(site, statusUrl, seconds, cpu.status),
    onRound: ({ round, baseline, subject, ratio }) =>
      bench.log(
        `round ${round + 1}/${rounds}: ${format.perSecond(subject)} / ${format.perSecond(baseline)} = ${format.ratio(ratio)}`
      ),
  });
  return [
    {
      measure: `requests per second, ${CONNECTIONS} connections, ${seconds} s × ${rounds} rounds each`,
      baseline: format.perSecond(result.baseline),
      subject: format.perSecond(result.subject),
      ratio: result.ratio,
      ratioRange: result.ratioRange,
      met: result.ratio >= TARGET,
      details: cpu.status.length
        ? [`site CPU per request: ${format.ms(median(cpu.status))} status endpoint, ${format.ms(median(cpu.health))} /_health`]
        : [],
    },
  ];
};

const countStatements = async (site) => {
  const invitation = await site.createInvitation({ name: 'Row 2 probe', maxUses: 100 });
  const status = () => request(`${site.url}/api/invitations/${invitation.token}`);
  await status(); // warm-up
  const health = await site.queriesOf(() => request(`${site.url}/_health`));
  return `SQL statements per request (SQLite): ${await site.queriesOf(status)} for the status endpoint, ${health} for /_health`;
};

module.exports = {
  id: '2',
  title: 'Public status endpoint vs Strapi’s GET /_health',
  target: `throughput ratio ≥ ${TARGET}`,

  async run(bench) {
    const [line] = await withSite({}, measure(bench));
    line.details.push(await withSite({ countQueries: true }, countStatements));
    return [line];
  },
};
