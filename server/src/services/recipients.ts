import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { INVITATION_UID, RECIPIENT_UID } from '../constants';
import { renewTokenCopies } from '../database/renew-token-copies';
import { columnName, joinTableOf, tableName } from '../database/sql';
import { getService } from '../utils/get-service';
import { deleteInBatches } from '../utils/delete-in-batches';
import { emailNotSentError, linkUnavailableError, recipientNotPendingError } from '../utils/errors';
import {
  languagesByAddress,
  normalizeRecipientEmail,
  type Page,
  type Recipient,
  type RecipientStatus,
  type RecipientsQuery,
  type SendResult,
} from '../../../shared';
import type { EmailOptions } from '../../../shared';
import type { Sender } from './invitation-emails';
import type { CsvExport } from '../export/csv-export';

/** Rows per statement: far below the bound-parameter limits of every engine. */
const BATCH_SIZE = 500;

/** A personal link as a sign-up sees it: whose it is, whether it is still open, under which link. */
export interface PersonalLinkState {
  id: number;
  email: string;
  status: RecipientStatus;
  invitationId: number | null;
}

/** A pending recipient a reminder may be due to, as a run reads it (tokens still sealed). */
export interface ReminderCandidate {
  id: number;
  email: string;
  language: string | null;
  tokenHash: string;
  tokenCiphertext: string | null;
}

/** A personal link ready to be mailed. */
export interface PersonalLink {
  id: number;
  email: string;
  token: string;
}

export interface RecipientRow {
  id: number;
  email: string;
  status: RecipientStatus;
  sentAt: string | Date;
  lastSentAt: string | Date;
  sendCount: number;
  acceptedAt: string | Date | null;
  language: string | null;
  remindedAt: string | Date | null;
  tokenHash: string;
  tokenCiphertext: string | null;
  invitation?: { id: number } | null;
  user?: { id: number; username: string; email: string } | null;
}

const PRESENTED_FIELDS = ['id', 'email', 'status', 'sentAt', 'lastSentAt', 'sendCount', 'acceptedAt', 'language', 'remindedAt'];
const POPULATE = { user: { select: ['id', 'username', 'email'] } };

const toIso = (value: string | Date) => new Date(value).toISOString();

const present = (row: RecipientRow): Recipient => ({
  id: row.id,
  email: row.email,
  status: row.status,
  sentAt: toIso(row.sentAt),
  lastSentAt: toIso(row.lastSentAt),
  sendCount: row.sendCount,
  acceptedAt: row.acceptedAt ? toIso(row.acceptedAt) : null,
  language: row.language ?? null,
  remindedAt: row.remindedAt ? toIso(row.remindedAt) : null,
  user: row.user ? { id: row.user.id, username: row.user.username, email: row.user.email } : null,
});

const CSV_COLUMNS: CsvExport<RecipientRow>['columns'] = [
  { header: 'email', value: (row) => row.email },
  { header: 'status', value: (row) => row.status },
  { header: 'sentAt', value: (row) => toIso(row.sentAt) },
  { header: 'lastSentAt', value: (row) => toIso(row.lastSentAt) },
  { header: 'sendCount', value: (row) => String(row.sendCount) },
  { header: 'acceptedAt', value: (row) => (row.acceptedAt ? toIso(row.acceptedAt) : null) },
  { header: 'language', value: (row) => row.language ?? null },
  { header: 'remindedAt', value: (row) => (row.remindedAt ? toIso(row.remindedAt) : null) },
  { header: 'username', value: (row) => row.user?.username ?? null },
];

/**
 * The key of "one unused personal link per address per link": set while the row is pending,
 * cleared when it is accepted or revoked, unique in the database. NULLs never collide, so the
 * accepted and revoked rows stay as the record, and a send after a revoke makes a new link.
 */
const pendingKeyOf = (invitationId: number, email: string) =>
  // Hashed: MySQL/MariaDB's default collations compare text without case and accents, and would
  // take josé@ and jose@ for one key.
  crypto
    .createHash('sha256')
    .update(`${invitationId}:${normalizeRecipientEmail(email)}`, 'utf8')
    .digest('hex');

const inBatches = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / BATCH_SIZE) }, (_, index) =>
    items.slice(index * BATCH_SIZE, (index + 1) * BATCH_SIZE)
  );

const recipientNotFoundError = () => new errors.NotFoundError('Recipient not found');
const invitationNotFoundError = () => new errors.NotFoundError('Invitation not found');

/**
 * Personal links ("a personal link for each person"): one row per address under a link, with its
 * own token (hash + encrypted copy, as the link's), usable once and only with that address. Each
 * row starts pending and becomes accepted (the account was made) or revoked (by an admin).
 *
 * Lock order: a sign-up takes the invitation's locks (on PostgreSQL its advisory lock shared and
 * its row FOR KEY SHARE, then its seat) and then the recipient's row; a send
 * locks the invitation before it writes recipients, and deleting a link locks it before deleting
 * them. Nothing locks a recipient and then its invitation, so these cannot deadlock.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(RECIPIENT_UID);
  const tokens = () => getService(strapi, 'tokens');

  /** Table, column and join-table names, as the database knows them. */
  const tables = () => {
    const column = (attribute: string) => columnName(strapi, RECIPIENT_UID, attribute);
    const invitationLink = joinTableOf(strapi, RECIPIENT_UID, 'invitation');
    const userLink = joinTableOf(strapi, RECIPIENT_UID, 'user');
    return {
      name: tableName(strapi, RECIPIENT_UID),
      id: column('id'),
      email: column('email'),
      status: column('status'),
      tokenHash: column('tokenHash'),
      tokenCiphertext: column('tokenCiphertext'),
      pendingKey: column('pendingKey'),
      sendCount: column('sendCount'),
      lastSentAt: column('lastSentAt'),
      acceptedAt: column('acceptedAt'),
      language: column('language'),
      remindedAt: column('remindedAt'),
      reminderClaimedAt: column('reminderClaimedAt'),
      updatedAt: column('updatedAt'),
      invitationLink: {
        name: invitationLink.name,
        recipient: invitationLink.ownerColumn,
        invitation: invitationLink.targetColumn,
      },
      userLink: { name: userLink.name, recipient: userLink.ownerColumn, user: userLink.targetColumn },
    };
  };

  /** The pending rows of these keys, with their tokens back. */
  const pendingLinks = async (keys: string[], trx: Knex.Transaction): Promise<Map<string, PersonalLink>> => {
    const table = tables();
    const found = new Map<string, PersonalLink>();
    for (const batch of inBatches(keys)) {
      const rows = await strapi.db
        .connection(table.name)
        .transacting(trx)
        .select({ id: table.id, email: table.email, key: table.pendingKey, hash: table.tokenHash, sealed: table.tokenCiphertext })
        .whereIn(table.pendingKey, batch);
      for (const row of rows) {
        const token = tokens().decrypt(row.sealed, row.hash);
        if (!token) throw linkUnavailableError();
        found.set(row.key, { id: row.id, email: row.email, token });
      }
    }
    return found;
  };

  /** New pending rows for these addresses, each with a new token; the send that made them mails them next. */
  const createLinks = async (invitationId: number, emails: string[], trx: Knex.Transaction): Promise<void> => {
    if (emails.length === 0) return;
    const now = new Date();
    const data = emails.map((email) => {
      const token = tokens().generate();
      const tokenHash = tokens().hash(token);
      return {
        email,
        normalizedEmail: normalizeRecipientEmail(email),
        pendingKey: pendingKeyOf(invitationId, email),
        tokenHash,
        tokenCiphertext: tokens().encrypt(token, tokenHash),
        status: 'pending',
        sentAt: now,
        lastSentAt: now,
        sendCount: 0,
      };
    });
    // createMany joins the open transaction; it sets no relation, so the links to the invitation
    // are inserted after it, a batch at a time, from the rows' unique pending keys.
    await query().createMany({ data });
    const table = tables();
    const knex = strapi.db.connection;
    for (const batch of inBatches(data.map((row) => row.pendingKey))) {
      const ids = await knex(table.name).transacting(trx).select(table.id).whereIn(table.pendingKey, batch);
      await knex(table.invitationLink.name)
        .transacting(trx)
        .insert(
          ids.map((row: { id: number }) => ({
            [table.invitationLink.recipient]: row.id,
            [table.invitationLink.invitation]: invitationId,
          }))
        );
    }
  };

  /** The recipient `recipientId` of invitation `invitationId`; 404 for any other. */
  const findOwnRow = async (invitationId: number, recipientId: number): Promise<RecipientRow> => {
    const row = (await query().findOne({
      select: [...PRESENTED_FIELDS, 'tokenHash', 'tokenCiphertext'],
      where: { id: recipientId, invitation: { id: invitationId } },
      populate: POPULATE,
    })) as RecipientRow | null;
    if (!row) throw recipientNotFoundError();
    return row;
  };

  const assertInvitationExists = async (invitationId: number) => {
    const found = await strapi.db.query(INVITATION_UID).findOne({ select: ['id'], where: { id: invitationId } });
    if (!found) throw invitationNotFoundError();
  };

  return {
    /**
     * The personal link of each address under invitation `invitationId`, in their order: its
     * pending one if it has one (the same token, so the same link is mailed again), else a new one.
     * 404 when the invitation does not exist (or was deleted meanwhile).
     */
    async linksFor(invitationId: number, emails: string[]): Promise<PersonalLink[]> {
      return strapi.db.transaction(async ({ trx }) => {
        if (!(await getService(strapi, 'seats').lockForChange(invitationId, trx))) throw invitationNotFoundError();
        const keys = emails.map((email) => pendingKeyOf(invitationId, email));
        const existing = await pendingLinks(keys, trx);
        await createLinks(
          invitationId,
          emails.filter((_, index) => !existing.has(keys[index])),
          trx
        );
        const links = existing.size === keys.length ? existing : await pendingLinks(keys, trx);
        return keys.map((key) => links.get(key) as PersonalLink);
      });
    },

    /** Whether `email` has a personal link of invitation `invitationId` still waiting to be used. */
    async hasPendingLink(invitationId: number, email: string): Promise<boolean> {
      const table = tables();
      const row = await strapi.db
        .connection(table.name)
        .select(table.id)
        .where(table.pendingKey, pendingKeyOf(invitationId, email))
        .first();
      return Boolean(row);
    },

    /**
     * Counts one more email sent for each of these links, if still pending, and keeps the language
     * it was written in: a resend writes in it, unless the admin asks for another.
     */
    async markSent(sent: Array<{ id: number; language?: string }>): Promise<void> {
      const table = tables();
      const knex = strapi.db.connection;
      const now = new Date();
      const byLanguage = new Map<string | null, number[]>();
      for (const { id, language = null } of sent) byLanguage.set(language, [...(byLanguage.get(language) ?? []), id]);
      for (const [language, ids] of byLanguage) {
        for (const batch of inBatches(ids)) {
          await knex(table.name)
            .whereIn(table.id, batch)
            .andWhere(table.status, 'pending')
            .update({
              [table.sendCount]: knex.raw('?? + 1', [table.sendCount]),
              [table.lastSentAt]: now,
              [table.updatedAt]: now,
              ...(language !== null && { [table.language]: language }),
            });
        }
      }
    },

    /** The personal link of this token hash, whatever its state; null when there is none. */
    async findByTokenHash(tokenHash: string, trx?: Knex.Transaction): Promise<PersonalLinkState | null> {
      const table = tables();
      const link = table.invitationLink;
      const statement = strapi.db
        .connection(table.name)
        .leftJoin(link.name, `${link.name}.${link.recipient}`, `${table.name}.${table.id}`)
        .select({
          id: `${table.name}.${table.id}`,
          email: `${table.name}.${table.email}`,
          status: `${table.name}.${table.status}`,
          invitationId: `${link.name}.${link.invitation}`,
        })
        .where(`${table.name}.${table.tokenHash}`, tokenHash)
        .first();
      const row = await (trx ? statement.transacting(trx) : statement);
      return row ? { ...row, invitationId: row.invitationId ?? null } : null;
    },

    /**
     * Marks the link used, once: a conditional UPDATE on its pending state, so of two sign-ups
     * racing on one link only one changes the row; false for the other (or a revoked link).
     */
    async accept(recipientId: number, trx: Knex.Transaction): Promise<boolean> {
      const table = tables();
      const now = new Date();
      const changed = await strapi.db
        .connection(table.name)
        .transacting(trx)
        .where(table.id, recipientId)
        .andWhere(table.status, 'pending')
        .update({ [table.status]: 'accepted', [table.pendingKey]: null, [table.acceptedAt]: now, [table.updatedAt]: now });
      return changed === 1;
    },

    /**
     * The account the link made, inside the sign-up's transaction: one INSERT into the relation's
     * join table (the row was just accepted, so it has no account yet).
     */
    async linkUser(recipientId: number, userId: number, trx: Knex.Transaction): Promise<void> {
      const link = tables().userLink;
      await strapi.db
        .connection(link.name)
        .transacting(trx)
        .insert({ [link.recipient]: recipientId, [link.user]: userId });
    },

    /** `GET /invitations/:id/recipients`: newest first, filtered and paged by the database. */
    async list(invitationId: number, { page, pageSize, status, q }: RecipientsQuery): Promise<Page<Recipient>> {
      await assertInvitationExists(invitationId);
      const { results, pagination } = await query().findPage({
        select: PRESENTED_FIELDS,
        where: {
          invitation: { id: invitationId },
          ...(status && { status }),
          ...(q && { normalizedEmail: { $contains: normalizeRecipientEmail(q) } }),
        },
        orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
        populate: POPULATE,
        page,
        pageSize,
      });
      return { results: (results as RecipientRow[]).map(present), pagination };
    },

    /**
     * Mails the same personal link again (pending ones only, 409 otherwise), in the recipient's
     * language unless `options.locale` names another; answers the recipient as it is now.
     */
    async resend(invitationId: number, recipientId: number, options: EmailOptions, sender: Sender): Promise<Recipient> {
      const row = await findOwnRow(invitationId, recipientId);
      if (row.status !== 'pending') throw recipientNotPendingError(row.status);
      await renewTokenCopies(strapi, RECIPIENT_UID, [row]);
      const token = tokens().decrypt(row.tokenCiphertext, row.tokenHash);
      if (!token) throw linkUnavailableError();
      // In the language of the last email they got, unless the admin chose one.
      const error = await getService(strapi, 'invitation-emails').sendPersonalLink(
        invitationId,
        { id: row.id, email: row.email, token },
        { ...options, locale: options.locale ?? row.language ?? undefined },
        sender
      );
      if (error !== null) throw emailNotSentError(error);
      return present(await findOwnRow(invitationId, recipientId));
    },

    /**
     * Revokes a personal link not used yet: from now on it is unknown (404). The row stays, as
     * revoked; an accepted link is refused (409): its account exists and is managed as a user.
     */
    async revoke(invitationId: number, recipientId: number): Promise<Recipient> {
      const row = await findOwnRow(invitationId, recipientId);
      const table = tables();
      const now = new Date();
      const changed = await strapi.db
        .connection(table.name)
        .where(table.id, row.id)
        .andWhere(table.status, 'pending')
        .update({ [table.status]: 'revoked', [table.pendingKey]: null, [table.updatedAt]: now });
      const current = await findOwnRow(invitationId, recipientId);
      if (changed !== 1) throw recipientNotPendingError(current.status);
      return present(current);
    },

    /** A link's personal links as a CSV download, oldest first; `username` once accepted. */
    csvExport(invitationId: number): CsvExport<RecipientRow> {
      return {
        filename: `invitation-${invitationId}-recipients.csv`,
        columns: CSV_COLUMNS,
        readBatch: async (afterId, limit) =>
          (await query().findMany({
            select: PRESENTED_FIELDS,
            where: { invitation: { id: invitationId }, id: { $gt: afterId } },
            populate: POPULATE,
            orderBy: { id: 'asc' },
            limit,
          })) as RecipientRow[],
      };
    },

    /**
     * The next pending recipients of a link not reminded yet, after id `afterId`, at most `limit`:
     * unclaimed, or claimed before `claimExpiredBefore` (that instance crashed, or its send failed).
     * Uses the index on (status, reminded_at) and the join table's.
     */
    async reminderCandidates(
      invitationId: number,
      { afterId, limit, claimExpiredBefore }: { afterId: number; limit: number; claimExpiredBefore: Date }
    ): Promise<ReminderCandidate[]> {
      const table = tables();
      const link = table.invitationLink;
      const own = (column: string) => `${table.name}.${column}`;
      return strapi.db
        .connection(table.name)
        .join(link.name, `${link.name}.${link.recipient}`, own(table.id))
        .select({
          id: own(table.id),
          email: own(table.email),
          language: own(table.language),
          tokenHash: own(table.tokenHash),
          tokenCiphertext: own(table.tokenCiphertext),
        })
        .where(`${link.name}.${link.invitation}`, invitationId)
        .andWhere(own(table.status), 'pending')
        .whereNull(own(table.remindedAt))
        .andWhere((claim) =>
          claim.whereNull(own(table.reminderClaimedAt)).orWhere(own(table.reminderClaimedAt), '<', claimExpiredBefore)
        )
        .andWhere(own(table.id), '>', afterId)
        .orderBy(own(table.id))
        .limit(limit);
    },

    /**
     * Claims the reminder of one recipient for this instance: one conditional UPDATE, so of several
     * instances only the one whose statement changed the row sends it. A claim older than
     * `claimExpiredBefore` is taken over; a recipient reminded, accepted or revoked never is.
     */
    async claimReminder(recipientId: number, now: Date, claimExpiredBefore: Date): Promise<boolean> {
      const table = tables();
      const changed = await strapi.db
        .connection(table.name)
        .where(table.id, recipientId)
        .whereNull(table.remindedAt)
        .andWhere(table.status, 'pending')
        .andWhere((claim) => claim.whereNull(table.reminderClaimedAt).orWhere(table.reminderClaimedAt, '<', claimExpiredBefore))
        .update({ [table.reminderClaimedAt]: now });
      return changed === 1;
    },

    /** The reminder went: never again for this recipient (until the link is renewed); in the delivery record's transaction. */
    async markReminded(recipientId: number, trx: Knex.Transaction): Promise<void> {
      const table = tables();
      const now = new Date();
      await strapi.db
        .connection(table.name)
        .transacting(trx)
        .where(table.id, recipientId)
        .update({ [table.remindedAt]: now, [table.updatedAt]: now });
    },

    /** The token of a personal link read back from its encrypted copy; null once the site's key changed. */
    tokenOf(candidate: Pick<ReminderCandidate, 'tokenHash' | 'tokenCiphertext'>): string | null {
      return tokens().decrypt(candidate.tokenCiphertext, candidate.tokenHash);
    },

    /**
     * After a renewal: the link's pending recipients reminded before may be reminded again before
     * the new date. A reminder being sent right now (claimed, not yet marked) keeps its claim, so
     * that no other instance sends it a second time meanwhile. One UPDATE through the join table,
     * inside the renewal's transaction.
     */
    async clearReminders(invitationId: number, trx: Knex.Transaction): Promise<void> {
      const table = tables();
      const link = table.invitationLink;
      await strapi.db
        .connection(table.name)
        .transacting(trx)
        .whereIn(table.id, strapi.db.connection(link.name).select(link.recipient).where(link.invitation, invitationId))
        .andWhere(table.status, 'pending')
        .whereNotNull(table.remindedAt)
        .update({ [table.remindedAt]: null, [table.reminderClaimedAt]: null });
    },

    /**
     * "Renew" with resend: each pending recipient's own link mailed again, in their language, a
     * batch at a time through the send path (templates, delivery log, send counts). How many went,
     * and the addresses that failed.
     */
    async resendAllPending(invitationId: number, sender: Sender): Promise<{ sent: number; failed: SendResult['failed'] }> {
      const result = { sent: 0, failed: [] as SendResult['failed'] };
      for (let afterId = 0; ;) {
        const rows = (await query().findMany({
          select: ['id', 'email', 'language'],
          where: { invitation: { id: invitationId }, status: 'pending', id: { $gt: afterId } },
          orderBy: { id: 'asc' },
          limit: BATCH_SIZE,
        })) as Array<{ id: number; email: string; language: string | null }>;
        if (rows.length === 0) return result;
        const { sent, failed } = await getService(strapi, 'invitation-emails').send(
          invitationId,
          {
            recipients: rows.map((row) => row.email),
            languages: languagesByAddress(rows.map((row) => ({ email: row.email, language: row.language ?? undefined }))),
            personal: true,
          },
          sender
        );
        result.sent += sent.length;
        result.failed.push(...failed);
        afterId = rows[rows.length - 1].id;
      }
    },

    /** Deletes an invitation's personal links; called inside the invitation's delete transaction. */
    deleteFor(invitationId: number) {
      return deleteInBatches(strapi, RECIPIENT_UID, { invitation: { id: invitationId } });
    },
  };
};
