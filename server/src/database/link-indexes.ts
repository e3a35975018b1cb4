import type { Core } from '@strapi/strapi';
import { INVITATION_UID, REDEMPTION_UID } from '../constants';
import { columnName, joinTableOf, tableName } from './sql';
import { SEATS_LEFT, USED_UP } from './status-where';

/**
 * "Already there" as each engine says it: PostgreSQL duplicate_table, MySQL/MariaDB ER_DUP_KEYNAME.
 * Two PostgreSQL instances starting together can both pass IF NOT EXISTS; the later one then fails
 * on the catalog's own unique index (unique_violation) instead.
 */
const isDuplicateIndex = (error: { code?: string; errno?: number }) =>
  error.code === '42P07' || error.code === '23505' || error.errno === 1061;

const isMySql = (strapi: Core.Strapi) => strapi.db.dialect.client === 'mysql';

/** An index of `columns`, limited to the rows where `where` holds (a raw SQL condition) if given. */
interface IndexDefinition {
  table: string;
  name: string;
  columns: string[];
  where?: { sql: string; bindings: string[] };
}

const createIndex = async (strapi: Core.Strapi, { table, name, columns, where }: IndexDefinition) => {
  const knex = strapi.db.connection;
  // MySQL has no CREATE INDEX IF NOT EXISTS: the duplicate is recognised instead.
  const ifNotExists = isMySql(strapi) ? '' : 'IF NOT EXISTS ';
  const placeholders = columns.map(() => '??').join(', ');
  const predicate = where ? ` WHERE ${where.sql}` : '';
  try {
    await knex.raw(`CREATE INDEX ${ifNotExists}?? ON ?? (${placeholders})${predicate}`, [
      name,
      table,
      ...columns,
      ...(where?.bindings ?? []),
    ]);
  } catch (error) {
    if (!isDuplicateIndex(error as { code?: string; errno?: number })) throw error;
  }
};

/**
 * Strapi gives a relation's join table one index per column, and the order of one link's
 * redemptions then comes from a sort of all of them. An index on (link, redemption) lets the
 * database read a link's newest redemptions, or an export's next batch, straight from it and stop
 * after a page, whatever the size of the link.
 */
const redemptionsByLink = (strapi: Core.Strapi): IndexDefinition => {
  const link = joinTableOf(strapi, REDEMPTION_UID, 'invitation');
  return { table: link.name, name: `${link.name}_by_link_idx`, columns: [link.targetColumn, link.ownerColumn] };
};

/**
 * The list's status filter (database/status-where.ts) and its count. "Used up" compares two
 * columns, which no B-tree range answers, so on the engines with partial indexes (PostgreSQL,
 * SQLite) the links are split by that comparison: links with seats left, by expiry (active and
 * expired are the two sides of `now`), and used-up links, newest first. Each row is in exactly one
 * of them, so a seat taken writes as many index entries as one index of the three columns did (the
 * seat that uses a link up moves it to the other). MySQL/MariaDB have no partial indexes: one index
 * holds the three columns there.
 */
const statusIndexes = (strapi: Core.Strapi): IndexDefinition[] => {
  const table = tableName(strapi, INVITATION_UID);
  const [usedCount, maxUses, expiresAt, createdAt] = ['usedCount', 'maxUses', 'expiresAt', 'createdAt'].map((attribute) =>
    columnName(strapi, INVITATION_UID, attribute)
  );
  if (isMySql(strapi)) return [{ table, name: `${table}_status_idx`, columns: [expiresAt, usedCount, maxUses] }];
  return [
    { table, name: `${table}_seats_left_idx`, columns: [expiresAt], where: { sql: SEATS_LEFT, bindings: [usedCount, maxUses] } },
    { table, name: `${table}_used_up_idx`, columns: [createdAt], where: { sql: USED_UP, bindings: [usedCount, maxUses] } },
  ];
};

/**
 * Indexes Strapi's schema cannot declare (on join tables, partial, or per engine). Strapi's schema
 * sync only drops indexes it created itself, so these stay; they are created at every start, which
 * also restores one if its table was rebuilt.
 */
export const ensureLinkIndexes = async (strapi: Core.Strapi) => {
  for (const index of [redemptionsByLink(strapi), ...statusIndexes(strapi)]) await createIndex(strapi, index);
};
