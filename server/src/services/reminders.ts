import type { Core } from '@strapi/strapi';
import { async } from '@strapi/utils';
import { INVITATION_UID, PLUGIN_ID } from '../constants';
import type { BackgroundConfig } from '../config';
import type { EmailConfig } from '../config/email';
import { columnName, tableName } from '../database/sql';
import { SEATS_LEFT } from '../database/status-where';
import { getService } from '../utils/get-service';
import { REMIND_BEFORE_DAYS } from '../../../shared';
import type { Written } from './invitation-emails';
import type { ReminderCandidate } from './recipients';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Links, then recipients, read this many at a time: a run's memory does not grow with their number. */
const LINK_BATCH = 100;
const RECIPIENT_BATCH = 200;

/** A link whose pending recipients are due a reminder now. */
interface DueLink {
  id: number;
  expiresAt: Date;
}

/** What one run did: reminders sent, and sends the mail server refused. */
export interface RunCounts {
  sent: number;
  failed: number;
}

/**
 * Reminders before a link expires (`remindBeforeDays`): each pending personal recipient of such a
 * link gets one email once `now >= expiresAt - remindBeforeDays` and before the link expires, in
 * their language, with their own personal link. None for a link used up: nobody could sign up
 * with it (if seats are added later, the reminder goes at the next run, still before expiry).
 *
 * Several instances run this at once: each recipient is claimed with one conditional UPDATE before
 * its email is sent, so only one instance sends it. A claim is released by time only: after a
 * crash between claim and send, or a failed send (recorded in the delivery log), the recipient is
 * tried again once the claim is older than `background.claimTimeoutSeconds`, never sooner.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.config.get(`plugin::${PLUGIN_ID}.background`) as BackgroundConfig;
  const concurrency = () => (strapi.config.get(`plugin::${PLUGIN_ID}.email`) as EmailConfig).concurrency;
  const recipients = () => getService(strapi, 'recipients');
  const emails = () => getService(strapi, 'invitation-emails');

  /**
   * The next links, after id `afterId`, that have a reminder, seats left and have not expired but
   * expire within the longest reminder window; which of them are in their own window is checked here.
   */
  const dueLinks = async (afterId: number, now: Date): Promise<{ due: DueLink[]; lastId: number | null }> => {
    const column = (attribute: string) => columnName(strapi, INVITATION_UID, attribute);
    const rows: Array<{ id: number; expiresAt: string | number | Date; remindBeforeDays: number }> = await strapi.db
      .connection(tableName(strapi, INVITATION_UID))
      .select({ id: 'id', expiresAt: column('expiresAt'), remindBeforeDays: column('remindBeforeDays') })
      .whereNotNull(column('remindBeforeDays'))
      .andWhere(column('expiresAt'), '>', now)
      .andWhere(column('expiresAt'), '<=', new Date(now.getTime() + REMIND_BEFORE_DAYS.max * DAY_MS))
      .andWhereRaw(SEATS_LEFT, [column('usedCount'), column('maxUses')])
      .andWhere('id', '>', afterId)
      .orderBy('id')
      .limit(LINK_BATCH);
    const due = rows
      .map((row) => ({ id: row.id, expiresAt: new Date(row.expiresAt), days: row.remindBeforeDays }))
      .filter(({ expiresAt, days }) => now.getTime() >= expiresAt.getTime() - days * DAY_MS)
      .map(({ id, expiresAt }) => ({ id, expiresAt }));
    return { due, lastId: rows.length === LINK_BATCH ? rows[rows.length - 1].id : null };
  };

  /** Claims, sends, records one reminder; false when the link was deleted meanwhile. */
  const remind = async (
    link: DueLink,
    candidate: ReminderCandidate,
    writtenIn: (language: string | null) => Promise<Written>,
    counts: RunCounts
  ): Promise<boolean> => {
    const now = new Date();
    const claimExpiredBefore = new Date(now.getTime() - settings().claimTimeoutSeconds * 1000);
    if (!(await recipients().claimReminder(candidate.id, now, claimExpiredBefore))) return true;
    const token = recipients().tokenOf(candidate);
    if (!token) {
      strapi.log.warn(
        `[invitations] No reminder for recipient ${candidate.id}: its link can no longer be read (the site's key changed)`
      );
      return true;
    }
    // Recorded in the delivery log and marked reminded in one transaction, once the email went.
    const outcome = await emails().sendReminder(
      link,
      { id: candidate.id, email: candidate.email, token },
      await writtenIn(candidate.language),
      (trx) => recipients().markReminded(candidate.id, trx)
    );
    if (outcome.invitationDeleted) return false;
    if (outcome.error !== null) counts.failed += 1;
    else counts.sent += 1;
    return true;
  };

  /** Every due recipient of one link, a batch at a time. */
  const remindLink = async (link: DueLink, writtenIn: (language: string | null) => Promise<Written>, counts: RunCounts) => {
    for (let afterId = 0; ;) {
      const claimExpiredBefore = new Date(Date.now() - settings().claimTimeoutSeconds * 1000);
      const batch = await recipients().reminderCandidates(link.id, { afterId, limit: RECIPIENT_BATCH, claimExpiredBefore });
      if (batch.length === 0) return;
      let linkDeleted = false;
      await async.map(
        batch,
        async (candidate: ReminderCandidate) => {
          if (!linkDeleted && !(await remind(link, candidate, writtenIn, counts))) linkDeleted = true;
        },
        { concurrency: concurrency() }
      );
      if (linkDeleted || batch.length < RECIPIENT_BATCH) return;
      afterId = batch[batch.length - 1].id;
    }
  };

  return {
    /** One run: every recipient due a reminder now gets it (unless another instance claimed it). */
    async run(): Promise<RunCounts> {
      const counts: RunCounts = { sent: 0, failed: 0 };
      // The template of each language is read once per run, not once per email.
      const templates = new Map<string | null, Promise<Written>>();
      const writtenIn = (language: string | null) => {
        if (!templates.has(language)) templates.set(language, emails().reminderTemplate(language));
        return templates.get(language) as Promise<Written>;
      };
      for (let afterId: number | null = 0; afterId !== null;) {
        const { due, lastId } = await dueLinks(afterId, new Date());
        for (const link of due) await remindLink(link, writtenIn, counts);
        afterId = lastId;
      }
      if (counts.sent + counts.failed > 0) {
        strapi.log.info(`[invitations] Reminders: ${counts.sent} sent, ${counts.failed} failed`);
      }
      return counts;
    },
  };
};
