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
const { compareListPage, statementsPerPage } = require('../lib/list-pages');
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

/** Page 1 of `route` on the small and the large site, in alternating rounds. */
const compareRoute = (bench, { small, large, route, what }) =>
  compareListPage(bench, { small, large, route, what, sizes: { small: SMALL, large: LARGE }, unit: 'requests', target: TARGET });

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
  return statementsPerPage(site, LIST);
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
