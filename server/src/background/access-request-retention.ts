import type { Core } from '@strapi/strapi';
import { ACCESS_REQUEST_UID, PLUGIN_ID } from '../constants';
import type { RequestAccessConfig } from '../config';
import type { BackgroundTask } from './tasks';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per statement, and statements per run: whatever piled up, one run's work stays bounded. */
const BATCH_SIZE = 500;
const MAX_BATCHES_PER_RUN = 20;

/**
 * Declined requests are kept `requestAccess.retentionDays` after their decision (the admin can
 * look back at them), then deleted. Pending and approved ones are kept: the first wait for a
 * decision, the second say who was let in.
 */
export const deleteExpiredDeclinedRequests = async (strapi: Core.Strapi): Promise<number> => {
  const { retentionDays } = strapi.config.get(`plugin::${PLUGIN_ID}.requestAccess`) as RequestAccessConfig;
  const where = { status: 'declined', decidedAt: { $lt: new Date(Date.now() - retentionDays * DAY_MS) } };
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const rows: Array<{ id: number }> = await strapi.db
      .queryBuilder(ACCESS_REQUEST_UID)
      .select(['id'])
      .where(where)
      .limit(BATCH_SIZE)
      .execute();
    if (rows.length === 0) break;
    const { count } = await strapi.db.query(ACCESS_REQUEST_UID).deleteMany({ where: { id: { $in: rows.map(({ id }) => id) } } });
    deleted += count;
  }
  return deleted;
};

export const accessRequestRetention: BackgroundTask = {
  name: 'access-request-retention',
  run: async (strapi) => {
    await deleteExpiredDeclinedRequests(strapi);
  },
};
