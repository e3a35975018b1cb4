import type { Core } from '@strapi/strapi';
import { ACCESS_REQUEST_UID, PLUGIN_ID } from '../constants';
import type { RequestAccessConfig } from '../config';
import type { EmailConfig } from '../config/email';
import { columnName, inSiteSchema, tableName } from '../database/sql';
import { REQUEST_NOTICE_MESSAGES } from '../views/request-notice-messages';

/** The least time between two notices: a wave of requests makes one email, with the count. */
export const NOTICE_INTERVAL_MS = 10 * 60 * 1000;
const STORE_KEY = 'access-request-notice';
const STORE_TABLE = 'strapi_core_store_settings';

/** What the last notice covered: when it went, and the newest request it counted. */
interface NoticeState {
  lastSentAt: string | null;
  lastRequestId: number;
}

const INITIAL_STATE: NoticeState = { lastSentAt: null, lastRequestId: 0 };

/**
 * Tells `requestAccess.notify` of new pending requests: at once for the first one after a quiet
 * spell, then at most once every ten minutes with the count of those since (the background
 * run sends what a wave left). Several instances share the last notice through the plugin's store,
 * changed by compare-and-set, so only one of them sends each notice.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.config.get(`plugin::${PLUGIN_ID}.requestAccess`) as RequestAccessConfig;
  const storeKey = `plugin_${PLUGIN_ID}_${STORE_KEY}`;
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: STORE_KEY });

  const readState = async (): Promise<{ raw: string; state: NoticeState }> => {
    const row = await strapi.db.connection(inSiteSchema(strapi, STORE_TABLE)).select('value').where({ key: storeKey }).first();
    if (row) return { raw: row.value, state: JSON.parse(row.value) as NoticeState };
    await store().set({ value: INITIAL_STATE });
    return readState();
  };

  /** True for the instance whose update took the last state it read; false when another one changed it first. */
  const replaceState = async (raw: string, next: NoticeState) => {
    const changed = await strapi.db
      .connection(inSiteSchema(strapi, STORE_TABLE))
      .where({ key: storeKey, value: raw })
      .update({ value: JSON.stringify(next) });
    return changed > 0;
  };

  /** Pending requests newer than the last notice: how many, and the newest one's id. */
  const newPendingRequests = async (afterId: number) => {
    const row = await strapi.db
      .connection(inSiteSchema(strapi, tableName(strapi, ACCESS_REQUEST_UID)))
      .where('id', '>', afterId)
      .andWhere(columnName(strapi, ACCESS_REQUEST_UID, 'status'), 'pending')
      .count({ count: '*' })
      .max({ newest: 'id' })
      .first();
    return { count: Number(row?.count ?? 0), newestId: Number(row?.newest ?? afterId) };
  };

  const reviewUrl = () => {
    const adminUrl = String(strapi.config.get('admin.absoluteUrl') ?? '').replace(/\/$/, '');
    return `${adminUrl}/plugins/${PLUGIN_ID}/requests`;
  };

  const send = async (to: string, count: number) => {
    const messages = REQUEST_NOTICE_MESSAGES[settings().notifyLanguage];
    const { siteName } = strapi.config.get(`plugin::${PLUGIN_ID}.email`) as EmailConfig;
    const site = siteName ?? new URL(String(strapi.config.get('server.absoluteUrl'))).hostname;
    await strapi
      .plugin('email')
      .service('email')
      .send({ to, subject: messages.subject(count, site), text: messages.text(count, site, reviewUrl()) });
  };

  return {
    /** Sends the notice when one is due; resolves to the number of requests it counted (0: none sent). */
    async notifyIfDue(now = new Date()): Promise<number> {
      const { enabled, notify } = settings();
      if (!enabled || !notify) return 0;
      const { raw, state } = await readState();
      if (state.lastSentAt && now.getTime() - new Date(state.lastSentAt).getTime() < NOTICE_INTERVAL_MS) return 0;
      const { count, newestId } = await newPendingRequests(state.lastRequestId);
      if (count === 0) return 0;
      const next = { lastSentAt: now.toISOString(), lastRequestId: newestId };
      if (!(await replaceState(raw, next))) return 0;
      try {
        await send(notify, count);
      } catch (error) {
        // Not sent: the requests it counted wait for the next try, not for newer ones.
        await replaceState(JSON.stringify(next), state);
        throw error;
      }
      return count;
    },
  };
};
