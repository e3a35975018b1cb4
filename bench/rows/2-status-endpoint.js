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
const { startSite } = require('../lib/site');
const { compareInRounds } = require('../lib/stats');
const format = require('../lib/format');

const TARGET = 0.6;
const CONNECTIONS = 20;

const load = async (url, seconds) => {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  const statuses = Object.keys(result.statusCodeStats ?? {}).join(', ');
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    const limited = result.statusCodeStats?.['429'] ? ' (429: a rate limiter answered; turn it off for the bench, see bench/lib/site.js)' : '';
    throw new Error(`${url.replace(/[A-Za-z0-9_-]{43}$/, '<token>')}: ${result.non2xx} non-2xx (${statuses}), ${result.errors} errors, ${result.timeouts} timeouts${limited}`);
  }
  return result['2xx'] / result.duration;
};

module.exports = {
  id: '2',
  title: 'Public status endpoint vs Strapi’s GET /_health',
  target: `throughput ratio ≥ ${TARGET}`,

  async run(bench) {
    const site = await startSite();
    try {
      const invitation = await site.createInvitation({ name: 'Row 2', maxUses: 100 });
      const statusUrl = `${site.url}/api/invitations/${invitation.token}`;
      const healthUrl = `${site.url}/_health`;
      const seconds = bench.rounds(5, 3);
      const rounds = bench.rounds(5, 2);
      await load(statusUrl, 2); // warm-up
      await load(healthUrl, 2);
      const result = await compareInRounds({
        rounds,
        baseline: () => load(healthUrl, seconds),
        subject: () => load(statusUrl, seconds),
        onRound: ({ round, baseline, subject, ratio }) =>
          bench.log(`round ${round + 1}/${rounds}: ${format.perSecond(subject)} / ${format.perSecond(baseline)} = ${format.ratio(ratio)}`),
      });
      return [
        {
          measure: `requests per second, ${CONNECTIONS} connections, ${seconds} s × ${rounds} rounds each`,
          baseline: format.perSecond(result.baseline),
          subject: format.perSecond(result.subject),
          ratio: result.ratio,
          ratioRange: result.ratioRange,
          met: result.ratio >= TARGET,
        },
      ];
    } finally {
      await site.stop();
    }
  },
};
