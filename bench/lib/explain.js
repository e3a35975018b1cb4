'use strict';

/**
 * The database's plan for the two queries behind the admin list's first page (the same SQL the
 * query engine sends: the page, newest first, and the count for the pagination), in one line each.
 */
const pageQuery = (knex, table) =>
  knex(table)
    .select(
      ...['id', 'name', 'max_uses', 'used_count', 'expires_at', 'token_hash', 'token_ciphertext'],
      ...['welcome_message', 'redirect_url', 'user_defaults', 'created_at', 'created_by_id']
    )
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(10)
    .offset(0);

const countQuery = (knex, table) => knex(table).count('id as count');

/**
 * The WHERE clause of a status filter, as server/src/database/status-where.ts writes it (a link is
 * active with seats left and an expiry ahead; used up wins over expired).
 */
const whereStatus = (query, status, now) => {
  if (status === 'exhausted') return query.whereRaw('used_count >= max_uses');
  query.whereRaw('used_count < max_uses');
  return query.where('expires_at', status === 'expired' ? '<=' : '>', now);
};

/** The list filtered by status: its page of ids, newest first, and its count (services/invitations.ts). */
const statusPageQuery = (knex, table, status, now) =>
  whereStatus(knex(table).select('id'), status, now)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(10)
    .offset(0);

const statusCountQuery = (knex, table, status, now) => whereStatus(knex(table), status, now).count({ count: '*' });

const describeSqlite = async (knex, query) => {
  const { sql, bindings } = query.toSQL();
  const steps = await knex.raw(`explain query plan ${sql}`, bindings);
  return steps.map((step) => step.detail).join('; ');
};

const describePostgresNode = (node) => {
  const index = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  const inner = (node.Plans ?? []).map(describePostgresNode).join(', ');
  return `${node['Node Type']}${index}${inner ? ` ← ${inner}` : ''}`;
};

const describePostgres = async (knex, query) => {
  const { sql, bindings } = query.toSQL();
  const { rows } = await knex.raw(`explain (analyze, format json) ${sql}`, bindings);
  const [{ Plan: plan, 'Execution Time': ms }] = rows[0]['QUERY PLAN'];
  return `${describePostgresNode(plan)} (${ms.toFixed(2)} ms)`;
};

const describerOf = (client) => (client === 'postgres' ? describePostgres : describeSqlite);

const explainPage = async (knex, client, table) => {
  const describe = describerOf(client);
  return [`page: ${await describe(knex, pageQuery(knex, table))}`, `count: ${await describe(knex, countQuery(knex, table))}`];
};

/** The same for the list filtered by `status`; `now` as the site's database stores times. */
const explainStatusPage = async (knex, client, table, status, now) => {
  const describe = describerOf(client);
  return [
    `page (status=${status}): ${await describe(knex, statusPageQuery(knex, table, status, now))}`,
    `count (status=${status}): ${await describe(knex, statusCountQuery(knex, table, status, now))}`,
  ];
};

module.exports = { explainPage, explainStatusPage };
