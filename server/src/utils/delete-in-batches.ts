import type { Core, UID } from '@strapi/strapi';

/** Rows per statement: far below the bound-parameter limits (SQLite 32,766, PostgreSQL and MySQL 65,535). */
const BATCH_SIZE = 500;

/**
 * Deletes every row of `uid` that `where` matches, a batch at a time, so that a link with
 * 100,000 accounts does not become one `IN (...)` list too long for the database. Run it inside
 * the caller's transaction.
 */
export const deleteInBatches = async (strapi: Core.Strapi, uid: UID.Schema, where: Record<string, unknown>) => {
  for (;;) {
    const batch = await nextBatch(strapi, uid, where);
    if (batch.length === 0) return;
    await strapi.db.query(uid).deleteMany({ where: { id: { $in: batch.map((row) => row.id) } } });
  }
};

/**
 * The ids of the next rows to delete. On MySQL/MariaDB a locking read: a plain one answers from the
 * transaction's snapshot (REPEATABLE READ), which would miss rows committed while the caller waited
 * for its row lock (a sign-up's redemption, say) and leave them behind. Elsewhere a plain read sees
 * them (PostgreSQL reads what is committed; SQLite runs one transaction at a time), and PostgreSQL
 * refuses FOR UPDATE on the outer join Strapi makes for a relation filter.
 */
const nextBatch = (strapi: Core.Strapi, uid: UID.Schema, where: Record<string, unknown>): Promise<Array<{ id: number }>> => {
  const query = strapi.db.queryBuilder(uid).select(['id']).where(where).limit(BATCH_SIZE);
  return (strapi.db.dialect.client === 'mysql' ? query.forUpdate() : query).execute();
};
