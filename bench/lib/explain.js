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

const explainPage = async (knex, client, table) => {
  const describe = client === 'postgres' ? describePostgres : describeSqlite;
  return [`page: ${await describe(knex, pageQuery(knex, table))}`, `count: ${await describe(knex, countQuery(knex, table))}`];
};

module.exports = { explainPage };
