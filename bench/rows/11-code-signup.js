'use strict';

/**
 * Row 11: a sign-up with a code typed by hand costs what a sign-up with the token does.
 *
 * A code is looked up once (a keyed hash of it, one indexed query for the link's encrypted token)
 * and then the sign-up goes the token's way. Compared on one site and database: sign-ups through
 * one link by its token (baseline) and by its code (subject), one at a time, interleaved within
 * each round (token, code, code, token…); the median of each kind per round, and the median of the
 * rounds' ratios.
 *
 * Target as issue 26 sets it: 1.05.
 */
const { onEachDatabase, newAccount } = require('../lib/site');
const { comparePairedRounds, median } = require('../lib/stats');
const { expectStatus } = require('../lib/http');
const format = require('../lib/format');

const TARGET = 1.05;
const CODE = 'BENCH-CODE-2027';

const round = (site, token, count) => async () => {
  const latencies = { baseline: [], subject: [] };
  for (let index = 0; index < 2 * count; index += 1) {
    const byCode = index % 4 === 1 || index % 4 === 2;
    const body = { ...newAccount('code'), ...(byCode ? { invitationCode: CODE.toLowerCase() } : { invitationToken: token }) };
    const res = expectStatus(await site.register(body), 200, byCode ? 'sign-up with the code' : 'sign-up with the token');
    latencies[byCode ? 'subject' : 'baseline'].push(res.ms);
  }
  return { baseline: median(latencies.baseline), subject: median(latencies.subject) };
};

const measure = (bench) => async (site) => {
  const label = site.database.label;
  const body = { name: 'Row 11', maxUses: 100_000, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), code: CODE };
  const link = expectStatus(await site.admin('POST', '/invitations/invitations', body), 201, 'create link').body.data;
  const count = bench.rounds(10, 2);
  const rounds = bench.rounds(20, 2);
  // The first requests of a process pay for JIT compilation and lazy loading.
  await round(site, link.token, 3)();
  const result = await comparePairedRounds({
    rounds,
    round: round(site, link.token, count),
    onRound: ({ round: index, ratio }) => bench.log(`${label}, round ${index + 1}/${rounds}: ratio ${format.ratio(ratio)}`),
  });
  const made = 2 * 3 + 2 * count * rounds;
  const { body: detail } = await site.admin('GET', `/invitations/invitations/${link.id}`);
  if (detail?.data?.usedCount !== made) throw new Error(`${made} sign-ups made, but usedCount ${detail?.data?.usedCount}`);
  return [
    {
      measure: `${label}: median latency (${count} sign-ups of each kind × ${rounds} rounds)`,
      baseline: format.ms(result.baseline),
      subject: format.ms(result.subject),
      ratio: result.ratio,
      ratioRange: result.ratioRange,
      target: `latency ratio ≤ ${TARGET}`,
      met: result.ratio <= TARGET,
    },
  ];
};

module.exports = {
  id: '11',
  title: 'Sign-up with a code typed by hand vs with the token',
  target: `latency ratio ≤ ${TARGET}`,

  run: (bench) => onEachDatabase({}, measure(bench)),
};
