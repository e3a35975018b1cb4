import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { INVITATION_UID } from '../constants';
import { columnName, inSiteSchema, tableName } from './sql';

export const SEAT_LIMIT_CHECK = 'invitations_invitations_seats_within_limit';

/** How one database engine tells whether the check is there, and that it was added meanwhile. */
interface CheckCatalog {
  exists: (knex: Knex, table: string) => Promise<boolean>;
  isDuplicate: (error: { code?: string; errno?: number }) => boolean;
}

const CATALOGS: Record<string, CheckCatalog> = {
  postgres: {
    exists: async (knex, table) => {
      const { rows } = await knex.raw('SELECT 1 FROM pg_constraint WHERE conname = ? AND conrelid = ?::regclass', [
        SEAT_LIMIT_CHECK,
        table,
      ]);
      return rows.length > 0;
    },
    // SQLSTATE duplicate_object.
    isDuplicate: (error) => error.code === '42710',
  },
  mysql: {
    exists: async (knex, table) => {
      const [rows] = await knex.raw(
        "SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = ? AND CONSTRAINT_TYPE = 'CHECK'",
        [table, SEAT_LIMIT_CHECK]
      );
      return rows.length > 0;
    },
    // MariaDB's ER_DUP_CONSTRAINT_NAME, MySQL's ER_CHECK_CONSTRAINT_DUP_NAME (mysql2 names 1826 after MySQL's meaning).
    isDuplicate: (error) => error.errno === 1826 || error.errno === 3822,
  },
};

/**
 * Adds, once, a CHECK that keeps the used seats between 0 and the limit, so that even a bug or a
 * hand-written UPDATE cannot oversell a link. PostgreSQL and MySQL/MariaDB (which enforce CHECK
 * from MySQL 8.0.16 and MariaDB 10.2): SQLite cannot add a constraint to an existing table, and
 * it runs one write at a time anyway. Strapi's schema sync does not know CHECK constraints and
 * leaves them alone; running this at every start also restores it if the table was ever rebuilt.
 * Returns whether the constraint is in place.
 */
export const ensureSeatLimitCheck = async (strapi: Core.Strapi): Promise<boolean> => {
  const catalog = CATALOGS[strapi.db.dialect.client];
  if (!catalog) return false;
  const knex = strapi.db.connection;
  const table = inSiteSchema(strapi, tableName(strapi, INVITATION_UID));
  if (await catalog.exists(knex, table)) return true;
  const [usedCount, maxUses] = ['usedCount', 'maxUses'].map((attribute) => columnName(strapi, INVITATION_UID, attribute));
  try {
    await knex.raw('ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (?? >= 0 AND ?? <= ??)', [
      table,
      SEAT_LIMIT_CHECK,
      usedCount,
      usedCount,
      maxUses,
    ]);
    return true;
  } catch (error) {
    // Another instance starting at the same moment added it first.
    if (catalog.isDuplicate(error as { code?: string; errno?: number })) return true;
    // Rows that already break the rule: keep the site up and say so, rather than refuse to start.
    strapi.log.error(`[invitations] Could not add the seat limit check: ${(error as Error).message}`);
    return false;
  }
};
