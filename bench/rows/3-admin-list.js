'use strict';

/**
 * Row 3: the admin list's first page (GET /invitations/invitations, as the admin panel opens it:
 * page 1, 10 a page, newest first) with 100,000 invitations against 100, on SQLite and on
 * PostgreSQL. Two sites per database, seeded in bulk, measured in alternating rounds. Shown with
 * it: the query plans of the page and of its count (neither may read the whole table), and the
 * SQL statements per page at two page sizes (an N+1 would grow with the page). The same again for
 * the list filtered by status (`?status=active`, half of the seeded links, and `?status=exhausted`,
 * a fifth), with the plans of its page and count.
 */
const { withSite, onEachDatabase } = require('../lib/site');
const { connect } = require('../lib/databases');
const { seedInvitations, TABLE } = require('../lib/seed');
const { expectStatus } = require('../lib/http');
const { compareListPage, statementsPerPage } = require('../lib/list-pages');
const { explainPage, explainStatusPage } = require('../lib/explain');
const format = require('../lib/format');

const TARGET = 1.5;
const SMALL = 100;
const LARGE = 100_000;
const LIST = '/invitations/invitations';
const FILTERED = ['active', 'exhausted'];

/** Seeds `count` invitations and checks that the list shows them, decrypted, with their role. */
const seed = async (site, count) => {
  const me = expectStatus(await site.admin('GET', '/admin/users/me'), 200, 'admin profile').body.data;
  const seedMs = await seedInvitations(site, count, { adminId: me.id, roleId: await site.roleId('authenticated') });
  const page = expectStatus(await site.admin('GET', LIST), 200, 'admin list').body;
  if (page.pagination.total !== count || page.results.length !== 10 || !page.results.every((row) => row.token && row.role)) {
    throw new Error(
      `seeded ${count} invitations, but the list shows ${JSON.stringify(page.pagination)} and rows without token or role`
    );
  }
  return seedMs;
};

/** Every row of the page in `status`, or the route answers something else than it says. */
const checkFiltered = async (site, status) => {
  const { results } = expectStatus(await site.admin('GET', `${LIST}?status=${status}`), 200, 'filtered list').body;
  if (results.length !== 10 || !results.every((row) => row.status === status)) {
    throw new Error(`status=${status}: expected 10 rows in that state, got ${results.map((row) => row.status).join(', ')}`);
  }
};

/** Page 1 of `route` on the small and the large site, in alternating rounds. */
const compareRoute = (bench, { small, large, route, what }) =>
  compareListPage(bench, { small, large, route, what, sizes: { small: SMALL, large: LARGE }, unit: 'rows', target: TARGET });

const compareSites = async (bench, small, large, seedMs) => {
  const label = large.database.label;
  const page = await compareRoute(bench, { small, large, route: LIST, what: 'page 1' });
  const filtered = [];
  for (const status of FILTERED) {
    await checkFiltered(large, status);
    filtered.push(
      await compareRoute(bench, { small, large, route: `${LIST}?status=${status}`, what: `page 1, status=${status}` })
    );
  }
  const knex = connect(large.database);
  // As the site stores times: epoch milliseconds on SQLite.
  const now = large.database.client === 'sqlite' ? Date.now() : new Date();
  const plans = await explainPage(knex, large.database.client, TABLE);
  for (const status of FILTERED) plans.push(...(await explainStatusPage(knex, large.database.client, TABLE, status, now)));
  await knex.destroy();
  page.details.push(
    `${label}: ${format.count(LARGE)} rows seeded in ${format.seconds(seedMs)}`,
    ...plans.map((plan) => `${label} plan, ${plan}`)
  );
  return [page, ...filtered];
};

const measure = (bench) => async (small) => {
  await seed(small, SMALL);
  return withSite({ client: small.database.client }, async (large) =>
    compareSites(bench, small, large, await seed(large, LARGE))
  );
};

const countStatements = async (site) => {
  await seed(site, SMALL);
  return statementsPerPage(site, LIST);
};

module.exports = {
  id: '3',
  title: 'Admin list, first page (and filtered by status): 100,000 invitations vs 100',
  target: `latency ratio ≤ ${TARGET}`,

  async run(bench) {
    const lines = await onEachDatabase({}, measure(bench));
    (lines[0].details ??= []).push(await withSite({ countQueries: true }, countStatements));
    return lines;
  },
};
