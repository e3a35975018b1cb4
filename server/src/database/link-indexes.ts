import type { Core } from '@strapi/strapi';
import { REDEMPTION_UID } from '../constants';
import { joinTableOf } from './sql';

/**
 * "Already there" as each engine says it: PostgreSQL duplicate_table, MySQL/MariaDB ER_DUP_KEYNAME.
 * Two PostgreSQL instances starting together can both pass IF NOT EXISTS; the later one then fails
 * on the catalog's own unique index (unique_violation) instead.
 */
const isDuplicateIndex = (error: { code?: string; errno?: number }) =>
  error.code === '42P07' || error.code === '23505' || error.errno === 1061;

const createIndex = async (strapi: Core.Strapi, table: string, name: string, columns: string[]) => {
  const knex = strapi.db.connection;
  // MySQL has no CREATE INDEX IF NOT EXISTS: the duplicate is recognised instead.
  const ifNotExists = strapi.db.dialect.client === 'mysql' ? '' : 'IF NOT EXISTS ';
  const placeholders = columns.map(() => '??').join(', ');
  try {
    await knex.raw(`CREATE INDEX ${ifNotExists}?? ON ?? (${placeholders})`, [name, table, ...columns]);
  } catch (error) {
    if (!isDuplicateIndex(error as { code?: string; errno?: number })) throw error;
  }
};

/**
 * Strapi gives a relation's join table one index per column, and the order of one link's
 * redemptions then comes from a sort of all of them. An index on (link, redemption) lets the
 * database read a link's newest redemptions, or an export's next batch, straight from it and stop
 * after a page, whatever the size of the link. Strapi's schema sync declares no index of its own
 * on join tables, so this one is added here, at every start (which also restores it if the table
 * was rebuilt).
 */
export const ensureLinkIndexes = async (strapi: Core.Strapi) => {
  const link = joinTableOf(strapi, REDEMPTION_UID, 'invitation');
  await createIndex(strapi, link.name, `${link.name}_by_link_idx`, [link.targetColumn, link.ownerColumn]);
};
