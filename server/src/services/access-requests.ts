import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { async, errors } from '@strapi/utils';
import { ACCESS_REQUEST_EVENTS, ACCESS_REQUEST_UID, INVITATION_UID, PLUGIN_ID, USER_UID } from '../constants';
import type { RequestAccessConfig } from '../config';
import type { EmailConfig } from '../config/email';
import { columnName, containsPattern, isoDate, isUniqueViolation, tableName } from '../database/sql';
import { whereStatus } from '../database/status-where';
import { DEFAULT_LOCALE } from '../email/templates';
import { ADMIN_AUTHOR_FIELDS, presentAdminAuthor } from '../utils/admin-author';
import {
  accessRequestNotApprovedError,
  alreadyDecidedError,
  approvalLinkDeletedError,
  unusableInvitationError,
} from '../utils/errors';
import { getService } from '../utils/get-service';
import {
  ACCESS_REQUEST_STATUSES,
  invitationStatus,
  isEmailInDomains,
  normalizeRecipientEmail,
  remainingSeats,
  type AccessRequest,
  type AccessRequestStatus,
  type AccessRequestsPage,
  type AccessRequestsQuery,
  type ApprovableLink,
} from '../../../shared';
import type { Sender } from './invitation-emails';
import type { AdminAbility } from './roles';

/** What a person sends (`POST /api/invitations/requests`, the hosted request page), validated and trimmed. */
export interface AccessRequestSubmission {
  email: string;
  name?: string;
  message?: string;
  /** The honeypot: anything in it and the submission is dropped. */
  website?: string;
}

export interface ApproveOptions {
  invitationId: number;
  /** The personal link's email in this language; else the site's default (English). */
  language?: string;
}

export interface DeclineOptions {
  sendEmail: boolean;
  /** The reviewer's own words, put in the answer's `{{message}}`. */
  message?: string;
  language?: string;
}

interface AccessRequestRow {
  id: number;
  email: string;
  name: string | null;
  message: string | null;
  status: AccessRequestStatus;
  createdAt: string | Date;
  lastRequestedAt: string | Date;
  decidedAt: string | Date | null;
  autoApproved: boolean | null;
  sendError: string | null;
  decidedBy?: { id: number; firstname?: string | null; lastname?: string | null; email: string } | null;
  invitation?: { id: number; name: string } | null;
  recipient?: { id: number } | null;
}

const PRESENTED_FIELDS = [
  'id',
  'email',
  'name',
  'message',
  'status',
  'createdAt',
  'lastRequestedAt',
  'decidedAt',
  'autoApproved',
  'sendError',
];
const POPULATE = {
  decidedBy: { select: ADMIN_AUTHOR_FIELDS },
  invitation: { select: ['id', 'name'] },
  recipient: { select: ['id'] },
};
/** How many links `GET /requests/links` offers: the newest first. */
const APPROVABLE_LINKS_MAX = 100;
const SEND_ERROR_MAX_LENGTH = 500;
/** An approval's sendError until its email went: what stays if the server stops in between, so Retry is offered. */
const NOT_SENT_YET = 'The email has not been sent yet';

const present = (row: AccessRequestRow): AccessRequest => ({
  id: row.id,
  email: row.email,
  name: row.name ?? null,
  message: row.message ?? null,
  status: row.status,
  createdAt: isoDate(row.createdAt),
  lastRequestedAt: isoDate(row.lastRequestedAt),
  decidedAt: row.decidedAt ? isoDate(row.decidedAt) : null,
  decidedBy: presentAdminAuthor(row.decidedBy),
  autoApproved: row.autoApproved === true,
  invitation: row.invitation ? { id: row.invitation.id, name: row.invitation.name } : null,
  sendError: row.sendError ?? null,
});

/**
 * The key of "one pending request per address": set while pending, cleared once decided, unique
 * in the database (NULLs never collide). Hashed, as recipients' keys are: MySQL/MariaDB's default
 * collations would take josé@ and jose@ for one address.
 */
const pendingKeyOf = (normalizedEmail: string) => crypto.createHash('sha256').update(normalizedEmail, 'utf8').digest('hex');

const requestNotFoundError = (unknown: number[]) =>
  unknown.length === 1
    ? new errors.NotFoundError('Access request not found', { unknown })
    : new errors.NotFoundError(`${unknown.length} access requests not found: ${unknown.join(', ')}`, { unknown });

const invitationNotFoundError = (invitationId: number) => new errors.NotFoundError('Invitation not found', { invitationId });

const sendErrorText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim().slice(0, SEND_ERROR_MAX_LENGTH) ||
  'The email could not be sent';

/**
 * Requests for access: people without a link ask for one; an admin approves (a personal link of a
 * link they pick is mailed) or declines (an answer may be mailed). A decision is made once: a
 * conditional UPDATE on the pending state, so of two admins deciding at once only one wins.
 * Declining never touches an account; approving never makes one (the person signs up through the
 * personal link).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(ACCESS_REQUEST_UID);
  const settings = () => strapi.config.get(`plugin::${PLUGIN_ID}.requestAccess`) as RequestAccessConfig;
  const emails = () => getService(strapi, 'invitation-emails');

  const tables = () => {
    const column = (attribute: string) => columnName(strapi, ACCESS_REQUEST_UID, attribute);
    return {
      name: tableName(strapi, ACCESS_REQUEST_UID),
      id: column('id'),
      status: column('status'),
      pendingKey: column('pendingKey'),
      lastRequestedAt: column('lastRequestedAt'),
      requestCount: column('requestCount'),
      requesterName: column('name'),
      message: column('message'),
      decidedAt: column('decidedAt'),
      sendError: column('sendError'),
      updatedAt: column('updatedAt'),
    };
  };

  const findRows = async (ids: number[]) =>
    (await query().findMany({
      select: [...PRESENTED_FIELDS],
      where: { id: { $in: ids } },
      populate: POPULATE,
    })) as AccessRequestRow[];

  const findRow = async (id: number): Promise<AccessRequestRow> => {
    const [row] = await findRows([id]);
    if (!row) throw requestNotFoundError([id]);
    return row;
  };

  /** The rows of these ids that exist, in the order of `ids`. */
  const findRowsInOrder = async (ids: number[]) => {
    const byId = new Map((await findRows(ids)).map((row) => [row.id, row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  };

  /** The rows of these ids, in their order: 404 naming the unknown ones, 409 naming those decided already. */
  const pendingRows = async (ids: number[]): Promise<AccessRequestRow[]> => {
    const rows = await findRowsInOrder(ids);
    const found = new Set(rows.map((row) => row.id));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw requestNotFoundError(unknown);
    const decided = rows.filter((row) => row.status !== 'pending').map((row) => row.id);
    if (decided.length > 0) throw alreadyDecidedError(decided);
    return rows;
  };

  /**
   * Decides the pending ones among `ids`, in the open transaction: one conditional UPDATE. Another
   * decision committed since they were read leaves fewer rows changed: 409, and the rollback
   * undoes this one.
   */
  const markDecided = async (ids: number[], status: 'approved' | 'declined', trx: Knex.Transaction, autoApproved = false) => {
    const table = tables();
    const now = new Date();
    const changed = await strapi.db
      .connection(table.name)
      .transacting(trx)
      .whereIn(table.id, ids)
      .andWhere(table.status, 'pending')
      .update({
        [table.status]: status,
        [table.pendingKey]: null,
        [table.decidedAt]: now,
        [table.updatedAt]: now,
        ...(autoApproved && { [columnName(strapi, ACCESS_REQUEST_UID, 'autoApproved')]: true }),
      });
    if (changed !== ids.length) {
      const decided = (await findRows(ids)).filter((row) => row.status !== 'pending').map((row) => row.id);
      throw alreadyDecidedError(decided.length > 0 ? decided : ids);
    }
  };

  const setSendErrors = async (errorsById: Map<number, string | null>) => {
    const table = tables();
    for (const [id, error] of errorsById) {
      await strapi.db
        .connection(table.name)
        .where(table.id, id)
        .update({ [table.sendError]: error, [table.updatedAt]: new Date() });
    }
  };

  /** Emits one of the request's events; a listener that fails is logged, never the caller's failure. */
  const announce = (event: (typeof ACCESS_REQUEST_EVENTS)[keyof typeof ACCESS_REQUEST_EVENTS], accessRequest: AccessRequest) => {
    strapi.eventHub.emit(event, { accessRequest }).catch((error: unknown) => {
      strapi.log.error(`[invitations] A listener of ${event} failed: ${(error as Error)?.message ?? error}`);
    });
  };

  const announceAll = async (event: (typeof ACCESS_REQUEST_EVENTS)['approved' | 'declined'], ids: number[]) => {
    const rows = await findRowsInOrder(ids);
    for (const row of rows) announce(event, present(row));
    return rows;
  };

  /** A repeat while pending: asked again now, one more time, with the name and message given this time. */
  const recordRepeat = async (pendingKey: string, { name, message }: AccessRequestSubmission): Promise<boolean> => {
    const table = tables();
    const knex = strapi.db.connection;
    const now = new Date();
    const changed = await knex(table.name)
      .where(table.pendingKey, pendingKey)
      .andWhere(table.status, 'pending')
      .update({
        [table.lastRequestedAt]: now,
        [table.requestCount]: knex.raw('?? + 1', [table.requestCount]),
        [table.updatedAt]: now,
        ...(name !== undefined && { [table.requesterName]: name }),
        ...(message !== undefined && { [table.message]: message }),
      });
    return changed > 0;
  };

  const isMember = async (normalizedEmail: string) =>
    // users-permissions stores addresses in lower case (its sign-up and admin forms both do).
    (await strapi.db.query(USER_UID).count({ where: { email: normalizedEmail } })) > 0;

  /** Active links, newest first, as the database sees them now; `narrow` adds conditions of its own. */
  const activeLinks = (narrow: (rows: Knex.QueryBuilder, column: (attribute: string) => string) => void = () => {}) => {
    const column = (attribute: string) => columnName(strapi, INVITATION_UID, attribute);
    const rows = strapi.db.connection(tableName(strapi, INVITATION_UID));
    whereStatus(
      rows,
      { maxUses: column('maxUses'), usedCount: column('usedCount'), expiresAt: column('expiresAt') },
      'active',
      new Date()
    );
    narrow(rows, column);
    return rows
      .select({
        id: 'id',
        name: column('name'),
        maxUses: column('maxUses'),
        usedCount: column('usedCount'),
        expiresAt: column('expiresAt'),
        autoApproveDomains: column('autoApproveDomains'),
      })
      .orderBy([
        { column: column('createdAt'), order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
  };

  const domainsOf = (stored: unknown): string[] => {
    const list = typeof stored === 'string' ? JSON.parse(stored) : stored;
    return Array.isArray(list) ? list : [];
  };

  /**
   * The newest active link whose autoApproveDomains take this address, if any, unless the address
   * has that link's personal link waiting already: anyone may ask in anyone's name, and each
   * auto-approval mails the link, so asking again is left to a reviewer rather than mailed again.
   */
  const autoApprovingLink = async (email: string): Promise<number | null> => {
    const links = await activeLinks((rows, column) => rows.whereNotNull(column('autoApproveDomains')));
    const match = links.find((link: { autoApproveDomains: unknown }) => {
      const domains = domainsOf(link.autoApproveDomains);
      return domains.length > 0 && isEmailInDomains(email, domains);
    });
    if (!match || (await getService(strapi, 'recipients').hasPendingLink(match.id, email))) return null;
    return match.id;
  };

  /**
   * Runs after the answer, whose time must not tell one case from another: a member's request is
   * deleted unseen (the member check would otherwise answer them sooner than a new address), and
   * the auto-approval mails a link (which would answer it later).
   */
  const settleLater = (created: AccessRequestRow, normalizedEmail: string) => {
    setImmediate(async () => {
      try {
        if (await isMember(normalizedEmail)) {
          await query().deleteMany({ where: { id: created.id, status: 'pending' } });
          return;
        }
        announce(ACCESS_REQUEST_EVENTS.created, present(created));
        const invitationId = await autoApprovingLink(normalizedEmail);
        if (invitationId !== null) await approveEach([created.id], { invitationId }, emails().siteSender(), null);
      } catch (error) {
        strapi.log.error(`[invitations] Could not settle access request ${created.id}: ${(error as Error)?.message ?? error}`);
      }
    });
  };

  /**
   * A personal link of a link that gives a custom role is an account with that role: the reviewer
   * needs the right to give it, as making such a link does (roles.assertCanCreate).
   */
  const assertMayApproveInto = async (invitationId: number, reviewer: AdminAbility) => {
    const link = await strapi.db
      .query(INVITATION_UID)
      .findOne({ select: ['id'], where: { id: invitationId }, populate: { role: { select: ['id'] } } });
    await getService(strapi, 'roles').assertCanCreate(reviewer, { role: link?.role?.id ?? null });
  };

  /**
   * Approves the pending requests `ids` into the active link `invitationId`, all or nothing, and
   * then mails each its personal link through "Send invitation" (delivery log, recipients table).
   * A failed email leaves the request approved, with its sendError (NOT_SENT_YET until the email went).
   * `reviewer` is the approving admin's rights; null for the site's own auto-approval.
   */
  const approveEach = async (
    ids: number[],
    { invitationId, language }: ApproveOptions,
    sender: Sender,
    reviewer: AdminAbility | null
  ) => {
    const autoApproved = reviewer === null;
    const rows = await strapi.db.transaction(async ({ trx }) => {
      const seats = await getService(strapi, 'seats').lockForChange(invitationId, trx);
      if (!seats) throw invitationNotFoundError(invitationId);
      if (invitationStatus(seats) !== 'active') throw unusableInvitationError(seats);
      if (reviewer) await assertMayApproveInto(invitationId, reviewer);
      const pending = await pendingRows(ids);
      await markDecided(ids, 'approved', trx, autoApproved);
      // The personal links exist before any email: a failed one can be mailed again (resend).
      const links = await getService(strapi, 'recipients').linksFor(
        invitationId,
        pending.map((row) => row.email)
      );
      for (const [index, row] of pending.entries()) {
        await query().update({
          where: { id: row.id },
          data: {
            invitation: invitationId,
            recipient: links[index].id,
            sendError: NOT_SENT_YET,
            ...(sender.id !== undefined && { decidedBy: sender.id }),
          },
        });
      }
      return pending;
    });
    await mailPersonalLinks(invitationId, rows, language, sender);
    return announceAll(ACCESS_REQUEST_EVENTS.approved, ids);
  };

  const mailPersonalLinks = async (
    invitationId: number,
    rows: AccessRequestRow[],
    language: string | undefined,
    sender: Sender
  ) => {
    const recipients = rows.map((row) => row.email);
    let failed = new Map<string, string>();
    try {
      const result = await emails().send(
        invitationId,
        { recipients, languages: new Map(), personal: true, locale: language ?? DEFAULT_LOCALE },
        sender
      );
      failed = new Map(result.failed.map(({ email, error }) => [normalizeRecipientEmail(email), error]));
    } catch (error) {
      // The link was deleted, used up or expired since the decision: nothing went out.
      failed = new Map(recipients.map((email) => [normalizeRecipientEmail(email), sendErrorText(error)]));
    }
    await setSendErrors(new Map(rows.map((row) => [row.id, failed.get(normalizeRecipientEmail(row.email)) ?? null])));
  };

  const declineEach = async (ids: number[], { sendEmail, message, language }: DeclineOptions, sender: Sender) => {
    const rows = await strapi.db.transaction(async ({ trx }) => {
      const pending = await pendingRows(ids);
      await markDecided(ids, 'declined', trx);
      if (sender.id !== undefined) {
        for (const id of ids) await query().update({ where: { id }, data: { decidedBy: sender.id } });
      }
      return pending;
    });
    if (sendEmail) {
      const outcomes: Array<[number, string | null]> = await async.map(
        rows,
        async (row: AccessRequestRow) => [row.id, await emails().sendDeclineAnswer(row.email, { locale: language, message })],
        { concurrency: (strapi.config.get(`plugin::${PLUGIN_ID}.email`) as EmailConfig).concurrency }
      );
      await setSendErrors(new Map(outcomes));
    }
    return announceAll(ACCESS_REQUEST_EVENTS.declined, ids);
  };

  return {
    /** Whether people may ask for access (`requestAccess.enabled`). */
    isEnabled: () => settings().enabled === true,

    /**
     * A request for access, whatever becomes of it: the caller answers the same in every case, so
     * nothing here tells who is known. Dropped: the honeypot filled, or the address is a member's
     * already (they sign in, or reset their password; found after the answer, see settleLater). A
     * repeat while pending updates the pending request; otherwise a new pending one is stored (a
     * declined or approved address may ask again). Stored before it returns; the event and the
     * auto-approval, if a link's domains take the address, come after.
     */
    async submit(input: AccessRequestSubmission): Promise<void> {
      if (input.website) return;
      const normalizedEmail = normalizeRecipientEmail(input.email);
      const pendingKey = pendingKeyOf(normalizedEmail);
      // A repeat that loses the race to insert finds the winner's row on its next try.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        if (await recordRepeat(pendingKey, input)) return;
        let created: AccessRequestRow;
        try {
          const now = new Date();
          created = (await query().create({
            data: {
              email: input.email,
              normalizedEmail,
              pendingKey,
              name: input.name ?? null,
              message: input.message ?? null,
              status: 'pending',
              lastRequestedAt: now,
              requestCount: 1,
              autoApproved: false,
            },
            select: PRESENTED_FIELDS,
          })) as AccessRequestRow;
        } catch (error) {
          if (isUniqueViolation(error)) continue;
          throw error;
        }
        settleLater(created, normalizedEmail);
        return;
      }
      throw new Error('The access request could neither be added nor found');
    },

    /** `GET /invitations/requests`: newest request first; the counts of each status, whatever the filters, in one query. */
    async list({ page, pageSize, status, q }: AccessRequestsQuery): Promise<AccessRequestsPage> {
      const table = tables();
      const [{ results, pagination }, countRows] = await Promise.all([
        query().findPage({
          select: PRESENTED_FIELDS,
          where: {
            ...(status && { status }),
            ...(q && { normalizedEmail: { $contains: normalizeRecipientEmail(q) } }),
          },
          orderBy: [{ lastRequestedAt: 'desc' }, { id: 'desc' }],
          populate: POPULATE,
          page,
          pageSize,
        }),
        strapi.db.connection(table.name).select({ status: table.status }).count({ count: '*' }).groupBy(table.status),
      ]);
      const counts = Object.fromEntries(ACCESS_REQUEST_STATUSES.map((name) => [name, 0])) as AccessRequestsPage['counts'];
      for (const row of countRows as Array<{ status: AccessRequestStatus; count: string | number }>) {
        if (row.status in counts) counts[row.status] = Number(row.count);
      }
      return { results: (results as AccessRequestRow[]).map(present), pagination, counts };
    },

    /** The active links an approval may use (name containing `q`), newest first: no token, no address. */
    async approvableLinks(q?: string): Promise<ApprovableLink[]> {
      const rows = await activeLinks((links, column) => {
        if (q) links.whereRaw("LOWER(??) LIKE ? ESCAPE '!'", [column('name'), containsPattern(q)]);
      }).limit(APPROVABLE_LINKS_MAX);
      return rows.map((row: { id: number; name: string; maxUses: number; usedCount: number; expiresAt: string | number }) => ({
        id: row.id,
        name: row.name,
        remaining: remainingSeats({ ...row, expiresAt: isoDate(row.expiresAt) }),
        expiresAt: isoDate(row.expiresAt),
      }));
    },

    /** How many requests wait for a decision. */
    countPending: () => query().count({ where: { status: 'pending' } }) as Promise<number>,

    async approve(id: number, options: ApproveOptions, sender: Sender, reviewer: AdminAbility): Promise<AccessRequest> {
      const [row] = await approveEach([id], options, sender, reviewer);
      return present(row);
    },

    async bulkApprove(ids: number[], options: ApproveOptions, sender: Sender, reviewer: AdminAbility): Promise<AccessRequest[]> {
      return (await approveEach(ids, options, sender, reviewer)).map(present);
    },

    async decline(id: number, options: DeclineOptions, sender: Sender): Promise<AccessRequest> {
      const [row] = await declineEach([id], options, sender);
      return present(row);
    },

    async bulkDecline(ids: number[], options: DeclineOptions, sender: Sender): Promise<AccessRequest[]> {
      return (await declineEach(ids, options, sender)).map(present);
    },

    /**
     * Mails an approved request's personal link again (in the language of its first email); clears
     * sendError once sent, else records the new error and answers the provider's refusal (502).
     */
    async resend(id: number, sender: Sender): Promise<AccessRequest> {
      const row = await findRow(id);
      if (row.status !== 'approved') throw accessRequestNotApprovedError(row.status);
      if (!row.invitation || !row.recipient) throw approvalLinkDeletedError();
      try {
        await getService(strapi, 'recipients').resend(row.invitation.id, row.recipient.id, {}, sender);
      } catch (error) {
        // The mail server's refusal is the request's news; a link used or revoked since is the answer's.
        const refusal = (error as { details?: { reason?: string; error?: string } }).details;
        if (refusal?.reason === 'email-failed') await setSendErrors(new Map([[id, sendErrorText(refusal.error)]]));
        throw error;
      }
      await setSendErrors(new Map([[id, null]]));
      return present(await findRow(id));
    },
  };
};
