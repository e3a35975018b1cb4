'use strict';

/**
 * Row 8: an invitation's page in the admin (GET /invitations/invitations/:id: the link, the count
 * of its redemptions and their first page of 10, its emails) for a link with 100,000 accounts
 * against one with 10, on one site per database, measured in alternating rounds. Shown with it:
 * the SQL statements of one detail at both sizes (the same number: nothing is read per account).
 */
const { onEachDatabase, withSite } = require('../lib/site');
const { seedRedemptions } = require('../lib/seed');
const { expectStatus } = require('../lib/http');
const { compareInRounds, closedLoop, median } = require('../lib/stats');
const format = require('../lib/format');

const TARGET = 1.5;
const SMALL = 10;
const LARGE = 100_000;

const detailOf = (invitation) => `/invitations/invitations/${invitation.id}`;

/** A link with `count` accounts; checks that its detail counts them and carries the first page only. */
const linkWith = async (site, count) => {
  const invitation = await site.createInvitation({ name: `Row 8, ${count} accounts`, maxUses: LARGE });
  const seedMs = await seedRedemptions(site, invitation.id, count);
  const { data } = expectStatus(await site.admin('GET', detailOf(invitation)), 200, 'detail').body;
  if (data.redemptionCount !== count || data.redemptions.length !== Math.min(10, count)) {
    throw new Error(`seeded ${count} redemptions, the detail shows ${data.redemptionCount} and ${data.redemptions.length} rows`);
  }
  return { invitation, seedMs };
};

const detailLatency = (site, invitation, count) => async () =>
  median(await closedLoop({ concurrency: 1, count, send: () => site.admin('GET', detailOf(invitation)), what: 'detail' }));

const measure = (bench) => async (site) => {
  const label = site.database.label;
  const small = await linkWith(site, SMALL);
  const large = await linkWith(site, LARGE);
  const requests = bench.rounds(40, 15);
  const rounds = bench.rounds(5, 2);
  await detailLatency(site, small.invitation, 10)(); // warm-up
  await detailLatency(site, large.invitation, 10)();
  const result = await compareInRounds({
    rounds,
    baseline: detailLatency(site, small.invitation, requests),
    subject: detailLatency(site, large.invitation, requests),
    onRound: ({ round, ratio }) => bench.log(`${label}, round ${round + 1}/${rounds}: ratio ${format.ratio(ratio)}`),
  });
  return [
    {
      measure: `${label}: median latency of the detail (${requests} requests × ${rounds} rounds)`,
      baseline: `${format.ms(result.baseline)} (${format.count(SMALL)} accounts)`,
      subject: `${format.ms(result.subject)} (${format.count(LARGE)} accounts)`,
      ratio: result.ratio,
      ratioRange: result.ratioRange,
      met: result.ratio <= TARGET,
      details: [`${label}: ${format.count(LARGE)} accounts seeded in ${format.seconds(large.seedMs)}`],
    },
  ];
};

const countStatements = async (site) => {
  const [small, large] = [await linkWith(site, SMALL), await linkWith(site, 1_000)];
  const detail = (link) => () => site.admin('GET', detailOf(link.invitation));
  const [few, many] = [await site.queriesOf(detail(small)), await site.queriesOf(detail(large))];
  return `SQL statements per detail request (SQLite, admin authentication included): ${few} for ${SMALL} accounts, ${many} for 1,000`;
};

module.exports = {
  id: '8',
  title: 'Invitation detail: a link with 100,000 accounts vs 10',
  target: `latency ratio ≤ ${TARGET}`,

  async run(bench) {
    const lines = await onEachDatabase({}, measure(bench));
    (lines[0].details ??= []).push(await withSite({ countQueries: true }, countStatements));
    return lines;
  },
};
