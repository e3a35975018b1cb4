import type { Core } from '@strapi/strapi';
import { INVITATION_UID } from '../constants';

export const SEAT_LIMIT_CHECK = 'invitations_invitations_seats_within_limit';

/** PostgreSQL's SQLSTATE for an object that already exists, e.g. a constraint added meanwhile. */
const DUPLICATE_OBJECT = '42710';

const qualifiedTableName = (strapi: Core.Strapi) => {
  const table = strapi.db.metadata.get(INVITATION_UID).tableName;
  const schema = strapi.db.getSchemaName();
  return schema ? `${schema}.${table}` : table;
};

const columnName = (strapi: Core.Strapi, attribute: string) =>
  (strapi.db.metadata.get(INVITATION_UID).attributes[attribute] as { columnName?: string }).columnName ?? attribute;

/**
 * Adds, once, a CHECK that keeps the used seats between 0 and the limit, so that even a bug or a
 * hand-written UPDATE cannot oversell a link. PostgreSQL only: SQLite cannot add a constraint to
 * an existing table, and it runs one write at a time anyway. Strapi's schema sync does not know
 * CHECK constraints and leaves them alone; running this at every start also restores it if the
 * table was ever rebuilt. Returns whether the constraint is in place.
 */
export const ensureSeatLimitCheck = async (strapi: Core.Strapi): Promise<boolean> => {
  if (strapi.db.dialect.client !== 'postgres') return false;
  const knex = strapi.db.connection;
  const exists = await knex.raw('SELECT 1 FROM pg_constraint WHERE conname = ? AND conrelid = ?::regclass', [
    SEAT_LIMIT_CHECK,
    qualifiedTableName(strapi),
  ]);
  if (exists.rows.length > 0) return true;
  const [usedCount, maxUses] = [columnName(strapi, 'usedCount'), columnName(strapi, 'maxUses')];
  try {
    await knex.raw('ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (?? >= 0 AND ?? <= ??)', [
      qualifiedTableName(strapi),
      SEAT_LIMIT_CHECK,
      usedCount,
      usedCount,
      maxUses,
    ]);
    return true;
  } catch (error) {
    // Another instance starting at the same moment added it first.
    if ((error as { code?: string }).code === DUPLICATE_OBJECT) return true;
    // Rows that already break the rule: keep the site up and say so, rather than refuse to start.
    strapi.log.error(`[invitations] Could not add the seat limit check: ${(error as Error).message}`);
    return false;
  }
};
