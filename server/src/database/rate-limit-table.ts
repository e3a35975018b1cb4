import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { inSiteSchema } from './sql';

/**
 * The database store of the rate limit: one row per client key and fixed window, in a table of the
 * plugin's own. Not a content type: a hit must be one upsert on a composite key, which Strapi's
 * models cannot declare, and the rows are nobody's content. Strapi's schema sync leaves a table it
 * did not create alone.
 */
export const RATE_LIMIT_TABLE = 'invitations_rate_limit_hits';

/** Rows removed by one background statement, so that a cleanup never holds locks for long. */
export const CLEANUP_BATCH_SIZE = 1000;

/** A client key (route scope and the budget's hash, see utils/client-address.ts) fits with room to spare. */
const KEY_LENGTH = 100;

const createTable = (knex: Knex, strapi: Core.Strapi) =>
  knex.schema.withSchema(strapi.db.getSchemaName() ?? '').createTable(RATE_LIMIT_TABLE, (table) => {
    table.string('client_key', KEY_LENGTH).notNullable();
    // Milliseconds since the epoch: the same integer on every engine and in every time zone.
    table.bigInteger('window_start').notNullable();
    table.integer('hits').notNullable();
    table.primary(['client_key', 'window_start']);
    table.index(['window_start'], `${RATE_LIMIT_TABLE}_window_start_idx`);
  });

/** Creates the table unless it is there; another instance starting at the same moment may win the race. */
export const ensureRateLimitTable = async (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  const exists = () => knex.schema.withSchema(strapi.db.getSchemaName() ?? '').hasTable(RATE_LIMIT_TABLE);
  if (await exists()) return;
  try {
    await createTable(knex, strapi);
  } catch (error) {
    if (!(await exists())) throw error;
  }
};

/** One hit of `key` in the window starting at `windowStart`: the window's count, this hit included. */
type CountHit = (knex: Knex, table: string, key: string, windowStart: number) => Promise<number>;

const UPSERT =
  'INSERT INTO ?? (client_key, window_start, hits) VALUES (?, ?, 1) ON CONFLICT (client_key, window_start) DO UPDATE SET hits = ??.hits + 1 RETURNING hits';

const upsertReturning =
  (rowsOf: (result: unknown) => Array<{ hits: number | string }>): CountHit =>
  async (knex, table, key, windowStart) => {
    const result = await knex.raw(UPSERT, [table, key, windowStart, table.split('.').pop() as string]);
    return Number(rowsOf(result)[0].hits);
  };

/**
 * MySQL and MariaDB have no RETURNING on an upsert: `LAST_INSERT_ID(expr)` hands the new count back
 * in the statement's own result (its insertId), so nothing is read afterwards. A first hit inserts
 * (one affected row) and its count is 1.
 */
const upsertWithLastInsertId: CountHit = async (knex, table, key, windowStart) => {
  const [result] = await knex.raw(
    'INSERT INTO ?? (client_key, window_start, hits) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)',
    [table, key, windowStart]
  );
  const { affectedRows, insertId } = result as { affectedRows: number; insertId: number };
  return affectedRows === 1 ? 1 : Number(insertId);
};

const COUNT_HIT: Record<string, CountHit> = {
  postgres: upsertReturning((result) => (result as { rows: Array<{ hits: number }> }).rows),
  sqlite: upsertReturning((result) => result as Array<{ hits: number }>),
  mysql: upsertWithLastInsertId,
};

/** Deletes at most one batch of windows that started before `before`; resolves with how many. */
type RemoveOldWindows = (knex: Knex, table: string, before: number) => Promise<number>;

// PostgreSQL and SQLite have no DELETE … LIMIT (SQLite only in some builds): the batch is picked by a subquery.
const deleteThroughSubquery: RemoveOldWindows = (knex, table, before) =>
  knex(table)
    .whereIn(
      ['client_key', 'window_start'],
      knex(table).select('client_key', 'window_start').where('window_start', '<', before).limit(CLEANUP_BATCH_SIZE)
    )
    .delete();

// MySQL refuses LIMIT in an IN subquery, and has DELETE … LIMIT instead.
const deleteWithLimit: RemoveOldWindows = async (knex, table, before) => {
  const [result] = await knex.raw('DELETE FROM ?? WHERE window_start < ? LIMIT ?', [table, before, CLEANUP_BATCH_SIZE]);
  return (result as { affectedRows: number }).affectedRows;
};

const REMOVE_OLD_WINDOWS: Record<string, RemoveOldWindows> = {
  postgres: deleteThroughSubquery,
  sqlite: deleteThroughSubquery,
  mysql: deleteWithLimit,
};

/** The table's two statements, for the site's database engine. */
export const rateLimitTable = (strapi: Core.Strapi) => {
  const client = strapi.db.dialect.client;
  const countHit = COUNT_HIT[client];
  const removeOldWindows = REMOVE_OLD_WINDOWS[client];
  if (!countHit || !removeOldWindows)
    throw new Error(`rateLimit.store 'database' does not support the database client ${client}`);
  const table = inSiteSchema(strapi, RATE_LIMIT_TABLE);
  return {
    countHit: (knex: Knex, key: string, windowStart: number) => countHit(knex, table, key, windowStart),
    removeOldWindows: (knex: Knex, before: number) => removeOldWindows(knex, table, before),
  };
};
