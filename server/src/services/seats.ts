import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { INVITATION_UID, REDEEMED_EVENT, REDEMPTION_UID } from '../constants';
import { getService } from '../utils/get-service';
import { emailDomainRefusedError, emailFieldError, unknownInvitationError, unusableInvitationError } from '../utils/errors';
import {
  invitationStatus,
  isEmailAddress,
  isEmailInDomains,
  remainingSeats,
  type PublicInvitationStatus,
  type SeatState,
} from '../../../shared';

/** What the public status of a link is made of. */
interface InvitationByToken {
  id: number;
  maxUses: number;
  usedCount: number;
  expiresAt: string | Date;
  welcomeMessage: string | null;
  redirectUrl: string | null;
  allowedEmailDomains: string[] | null;
}

/** A link about to give an account: its name for the redeemed event, the role and presets the account gets. */
export interface RedeemableInvitation extends InvitationByToken {
  name: string;
  userDefaults: Record<string, unknown> | null;
  role: { id: number } | null;
}

const STATUS_COLUMNS = ['id', 'maxUses', 'usedCount', 'expiresAt', 'welcomeMessage', 'redirectUrl', 'allowedEmailDomains'];

/**
 * Seats of invitation links: looking a link up by its token, taking one seat atomically, and
 * recording who took it. Every write here runs inside the caller's transaction.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tokens = () => getService(strapi, 'tokens');

  /** Table and column names of the invitation type, as the database knows them. */
  const invitationTable = () => {
    const meta = strapi.db.metadata.get(INVITATION_UID);
    const column = (attribute: string) => (meta.attributes[attribute] as { columnName?: string }).columnName ?? attribute;
    return {
      name: meta.tableName,
      tokenHash: column('tokenHash'),
      maxUses: column('maxUses'),
      usedCount: column('usedCount'),
      expiresAt: column('expiresAt'),
      updatedAt: column('updatedAt'),
    };
  };

  const lookUp = async (token: unknown, select: string[], populate?: Record<string, unknown>) => {
    if (!tokens().isWellFormed(token)) return null;
    return strapi.db.query(INVITATION_UID).findOne({ select, where: { tokenHash: tokens().hash(token) }, populate });
  };

  // The status call, on every page view, reads only what it answers; the role costs a second
  // query, and the name and presets a JSON column: only a registration reads them.
  const findByToken = (token: unknown): Promise<InvitationByToken | null> => lookUp(token, STATUS_COLUMNS);
  const findRedeemable = (token: unknown): Promise<RedeemableInvitation | null> =>
    lookUp(token, [...STATUS_COLUMNS, 'name', 'userDefaults'], { role: { select: ['id'] } });

  /**
   * The seats of the invitation `where` names as committed right now, locked until the transaction
   * ends; null when there is no such invitation. A locking read, because a plain one in a
   * MySQL/MariaDB transaction (REPEATABLE READ) answers from the snapshot of its first read, and it
   * takes the lock where there are row locks (SQLite's transaction holds its only connection instead).
   */
  const lockSeats = async (where: { id: number } | { tokenHash: string }, trx: Knex.Transaction): Promise<SeatState | null> =>
    (await strapi.db
      .queryBuilder(INVITATION_UID)
      .select(['maxUses', 'usedCount', 'expiresAt'])
      .where(where)
      .forUpdate()
      .first()
      .transacting(trx)
      .execute()) ?? null;

  /** The invitation if it can still be used; 404 or 410 otherwise. */
  const usable = <T extends InvitationByToken>(invitation: T | null): T => {
    if (!invitation) throw unknownInvitationError();
    if (invitationStatus(invitation) !== 'active') throw unusableInvitationError(invitation);
    return invitation;
  };

  /**
   * 403 unless the link takes this address (any, when it lists no domains). On a limited link, a
   * missing or malformed address is the client's mistake about the field (400, as users-permissions
   * words it), not an address at another domain.
   */
  const assertEmailAllowed = ({ allowedEmailDomains }: InvitationByToken, email: unknown) => {
    if (!allowedEmailDomains?.length) return;
    if (email === undefined || email === null || (typeof email === 'string' && email.trim() === '')) {
      throw emailFieldError('email is a required field');
    }
    if (typeof email !== 'string' || !isEmailAddress(email.trim())) throw emailFieldError('email must be a valid email');
    if (!isEmailInDomains(email, allowedEmailDomains)) throw emailDomainRefusedError(allowedEmailDomains);
  };

  return {
    async publicStatus(token: unknown): Promise<PublicInvitationStatus> {
      const invitation = usable(await findByToken(token));
      return {
        expiresAt: new Date(invitation.expiresAt).toISOString(),
        remaining: remainingSeats(invitation),
        welcomeMessage: invitation.welcomeMessage ?? null,
        redirectUrl: getService(strapi, 'first-access').allowedRedirect(invitation.redirectUrl),
        allowedEmailDomains: invitation.allowedEmailDomains ?? [],
      };
    },

    /**
     * Takes one seat for the account of `email` with a single conditional UPDATE (seats left and
     * not expired), so two registrations can never both take the last seat, whatever the number of
     * Strapi instances. The UPDATE comes first: the link is read only once its row lock is held, so
     * what this registration sees (its settings, and on MySQL/MariaDB every later read of the
     * transaction, such as users-permissions' "email already taken") is what the registration
     * before it committed. An address the link does not take is refused, and the rollback gives
     * the seat back.
     */
    async claim(token: unknown, trx: Knex.Transaction, email: unknown): Promise<RedeemableInvitation> {
      if (!tokens().isWellFormed(token)) throw unknownInvitationError();
      const tokenHash = tokens().hash(token);
      const table = invitationTable();
      const knex = strapi.db.connection;
      const changed = await knex(table.name)
        .transacting(trx)
        .where(table.tokenHash, tokenHash)
        .andWhere(table.usedCount, '<', knex.ref(table.maxUses))
        .andWhere(table.expiresAt, '>', new Date())
        .update({ [table.usedCount]: knex.raw('?? + 1', [table.usedCount]), [table.updatedAt]: new Date() });
      if (changed !== 1) {
        const current = await lockSeats({ tokenHash }, trx);
        throw current ? unusableInvitationError(current) : unknownInvitationError();
      }
      const invitation = (await findRedeemable(token)) as RedeemableInvitation;
      assertEmailAllowed(invitation, email);
      return invitation;
    },

    /**
     * Takes the invitation's row lock for the rest of the transaction, so that no registration
     * takes a seat while an admin edits or deletes the link; returns its seats as they are (they
     * cannot change until the transaction ends), or null when there is no such invitation.
     */
    lockForChange(id: number, trx: Knex.Transaction): Promise<SeatState | null> {
      return lockSeats({ id }, trx);
    },

    /**
     * lockForChange for a delete. A registration's claim reaches the row through the token hash's
     * unique index, locking that index entry before the row; a delete, which must lock the entry
     * too to remove it, would otherwise hold the row and wait for the entry while the registration
     * holds the entry and waits for the row: a deadlock on MySQL/MariaDB, where the database kills
     * the registration. Going through the same index entry first, the two queue up instead.
     */
    async lockForDelete(id: number, trx: Knex.Transaction): Promise<SeatState | null> {
      const row = await strapi.db
        .queryBuilder(INVITATION_UID)
        .select(['tokenHash'])
        .where({ id })
        .first()
        .transacting(trx)
        .execute<{ tokenHash: string } | null>();
      return row ? lockSeats({ tokenHash: row.tokenHash }, trx) : null;
    },

    /** Records who took the seat; returns when. */
    async recordRedemption(invitation: RedeemableInvitation, userId: number): Promise<Date> {
      const redeemedAt = new Date();
      await strapi.db.query(REDEMPTION_UID).create({ data: { invitation: invitation.id, user: userId, redeemedAt } });
      return redeemedAt;
    },

    /** Emits `invitation.redeemed`. Only once committed: a rolled-back sign-up must not start anyone's onboarding. */
    announceRedemption(invitation: RedeemableInvitation, user: { id: number; email?: string }, redeemedAt: Date) {
      const payload = {
        invitation: { id: invitation.id, name: invitation.name },
        user: { id: user.id, email: user.email },
        redeemedAt: redeemedAt.toISOString(),
      };
      // Not awaited: the new user's answer does not wait for the site's listeners. A listener that
      // throws would otherwise be an unhandled rejection, which ends a Node process.
      strapi.eventHub.emit(REDEEMED_EVENT, payload).catch((error: unknown) => {
        strapi.log.error(`[invitations] A listener of ${REDEEMED_EVENT} failed: ${(error as Error)?.message ?? error}`);
      });
    },
  };
};
