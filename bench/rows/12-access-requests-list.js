'use strict';

/**
 * Row 12: the admin's Access requests page (GET /invitations/requests, as the page opens it: page
 * 1, 10 a page, newest request first, with the counts of each status) with 10,000 pending requests
 * against 100, and the same filtered by status (`?status=pending`) and searched by address
 * (`?q=asker-4`, a contains search). Two sites per database, seeded in bulk, measured in alternating
 * rounds in the same run. Shown with it: the SQL statements per page at two page sizes (an N+1
 * would grow with the page).
 */
const { withSite, onEachDatabase } = require('../lib/site');
const { seedAccessRequests } = require('../lib/seed');
const { expectStatus } = require('../lib/http');
const { compareInRounds, closedLoop, median } = require('../lib/stats');
const format = require('../lib/format');

const TARGET = 1.5;
const SMALL = 100;
const LARGE = 10_000;
const LIST = '/invitations/requests';
const ROUTES = [
  { route: LIST, what: 'page 1' },
  { route: `${LIST}?status=pending`, what: 'page 1, status=pending' },
  { route: `${LIST}?q=asker-4`, what: 'page 1, q=asker-4' },
];

/** Seeds `count` pending requests and checks that the list counts them and shows the newest first. */
const seed = async (site, count) => {
  const seedMs = await seedAccessRequests(site, count);
  const page = expectStatus(await site.admin('GET', LIST), 200, 'access requests list').body;
  if (
    page.pagination.total !== count ||
    page.counts.pending !== count ||
    page.results[0]?.email !== `asker-${count - 1}@example.com`
  ) {
    throw new Error(
      `seeded ${count} requests, but the list shows ${JSON.stringify(page.pagination)}, ${JSON.stringify(page.counts)}`
    );
  }
  return seedMs;
};

const listLatency = (site, route, count) => async () =>
  median(await closedLoop({ concurrency: 1, count, send: () => site.admin('GET', route), what: `access requests ${route}` }));

/** Page 1 of `route` on the small and the large site, in alternating rounds. */
const compareRoute = async (bench, { small, large, route, what }) => {
  const label = large.database.label;
  const requests = bench.rounds(40, 10);
  const rounds = bench.rounds(5, 2);
  await listLatency(small, route, 10)(); // warm-up
  await listLatency(large, route, 10)();
  const result = await compareInRounds({
    rounds,
    baseline: listLatency(small, route, requests),
    subject: listLatency(large, route, requests),
    onRound: ({ round, ratio }) => bench.log(`${label}, ${what}, round ${round + 1}/${rounds}: ratio ${format.ratio(ratio)}`),
  });
  return {
    measure: `${label}: median latency of ${what} (${requests} requests × ${rounds} rounds)`,
    baseline: `${format.ms(result.baseline)} (${format.count(SMALL)} requests)`,
    subject: `${format.ms(result.subject)} (${format.count(LARGE)} requests)`,
    ratio: result.ratio,
    ratioRange: result.ratioRange,
    met: result.ratio <= TARGET,
    details: [],
  };
};

const measure = (bench) => async (small) => {
  await seed(small, SMALL);
  return withSite({ client: small.database.client }, async (large) => {
    const seedMs = await seed(large, LARGE);
    const lines = [];
    for (const { route, what } of ROUTES) lines.push(await compareRoute(bench, { small, large, route, what }));
    lines[0].details.push(`${large.database.label}: ${format.count(LARGE)} requests seeded in ${format.seconds(seedMs)}`);
    return lines;
  });
};

const countStatements = async (site) => {
  await seed(site, SMALL);
  const page = (size) => () => site.admin('GET', `${LIST}?pageSize=${size}`);
  const [ten, hundred] = [await site.queriesOf(page(10)), await site.queriesOf(page(100))];
  return `SQL statements per list request (SQLite, admin authentication included): ${ten} for 10 rows, ${hundred} for 100 rows`;
};

module.exports = {
  id: '12',
  title: 'Access requests list, first page (filtered by status, searched by address): 10,000 pending requests vs 100',
  target: `latency ratio ≤ ${TARGET}`,

  async run(bench) {
    const lines = await onEachDatabase({}, measure(bench));
    (lines[0].details ??= []).push(await withSite({ countQueries: true }, countStatements));
    return lines;
  },
};
