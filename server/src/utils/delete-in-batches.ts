import type { Core, UID } from '@strapi/strapi';

/** Rows per statement: far below the bound-parameter limits (SQLite 32,766, PostgreSQL and MySQL 65,535). */
const BATCH_SIZE = 500;

/**
 * Deletes every row of `uid` that `where` matches, a batch at a time, so that a link with
 * 100,000 accounts does not become one `IN (...)` list too long for the database. Run it inside
 * the caller's transaction.
 */
export const deleteInBatches = async (strapi: Core.Strapi, uid: UID.Schema, where: Record<string, unknown>) => {
  const query = strapi.db.query(uid);
  for (;;) {
    const batch = await query.findMany({ select: ['id'], where, limit: BATCH_SIZE });
    if (batch.length === 0) return;
    await query.deleteMany({ where: { id: { $in: batch.map((row: { id: number }) => row.id) } } });
  }
};
