import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { INVITATION_UID, REDEEMED_EVENT, REDEMPTION_UID } from '../constants';
import { insertAcceptance, insertRedemption, takesSeatWithRedemption } from '../database/record-redemption';
import { STATUS_ATTRIBUTES, lockAndReadLink, lockLinkAgainstSignups, takeSeat, type InvitationKey } from '../database/take-seat';
import { getService } from '../utils/get-service';
import {
  emailDomainRefusedError,
  emailFieldError,
  emailMismatchError,
  personalLinkUsedError,
  unknownInvitationError,
  unusableInvitationError,
} from '../utils/errors';
import {
  invitationStatus,
  isEmailAddress,
  isEmailInDomains,
  isSameRecipientEmail,
  remainingSeats,
  type PublicInvitationStatus,
  type RedemptionKind,
  type RoleSummary,
  type SeatState,
} from '../../../shared';
import type { PersonalLinkState } from './recipients';

/** What the public status of a link is made of. */
interface InvitationByToken {
  id: number;
  maxUses: number;
  usedCount: number;
  expiresAt: string | Date;
  welcomeMessage: string | null;
  redirectUrl: string | null;
  allowedEmailDomains: string[] | null;
  /** null: a link made before the setting existed (false). */
  allowExistingAccounts: boolean | null;
}

/** A link about to give an account: its name for the redeemed event, the role and presets the account gets. */
export interface RedeemableInvitation extends InvitationByToken {
  name: string;
  userDefaults: Record<string, unknown> | null;
  role: { id: number } | null;
  /** Taken through a personal link: the recipient row it marked used. */
  recipientId?: number;
  /** The seat is not taken yet: recordRedemption takes it (see claimAtRecord). */
  seatAtRecord?: true;
}

/** Who signs up: the identifiers users-permissions finds a taken account by. */
export interface Registrant {
  email: unknown;
  username?: unknown;
}

const STATUS_COLUMNS: string[] = [...STATUS_ATTRIBUTES];

/**
 * Seats of invitation links: looking a link up by its token, taking one seat atomically, and
 * recording who took it. Every write here runs inside the caller's transaction.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tokens = () => getService(strapi, 'tokens');

  const lookUp = (where: InvitationKey, select: string[], populate?: Record<string, unknown>) =>
    strapi.db.query(INVITATION_UID).findOne({ select, where, populate });

  // The status call, on every page view, reads only what it answers; the role costs a second
  // query, and the name and presets a JSON column: only a registration reads them.
  const findForStatus = (where: InvitationKey): Promise<InvitationByToken | null> => lookUp(where, STATUS_COLUMNS);
  const findRedeemable = (where: InvitationKey): Promise<RedeemableInvitation | null> =>
    lookUp(where, [...STATUS_COLUMNS, 'name', 'userDefaults'], { role: { select: ['id'] } });

  const recipients = () => getService(strapi, 'recipients');

  /**
   * The seats of the invitation `where` names as committed right now, locked until the transaction
   * ends; null when there is no such invitation. A locking read, because a plain one in a
   * MySQL/MariaDB transaction (REPEATABLE READ) answers from the snapshot of its first read, and it
   * takes the lock where there are row locks (SQLite's transaction holds its only connection instead).
   */
  const lockSeats = async (where: InvitationKey, trx: Knex.Transaction): Promise<SeatState | null> =>
    (await seatsQuery(where, trx).forUpdate().first().execute()) ?? null;

  const seatsQuery = (where: InvitationKey, trx: Knex.Transaction) =>
    strapi.db.queryBuilder(INVITATION_UID).select(['maxUses', 'usedCount', 'expiresAt']).where(where).transacting(trx);

  /**
   * The seats as committed now, to say why a registration got none. On PostgreSQL a plain read
   * does (READ COMMITTED), and must: registrations may hold the row FOR KEY SHARE, which a FOR
   * UPDATE would wait for. Elsewhere lockSeats.
   */
  const currentSeats = async (where: InvitationKey, trx: Knex.Transaction): Promise<SeatState | null> =>
    strapi.db.dialect.client === 'postgres' ? ((await seatsQuery(where, trx).first().execute()) ?? null) : lockSeats(where, trx);

  /** The invitation if it can still be used; 404 or 410 otherwise. */
  const usable = <T extends InvitationByToken>(invitation: T | null): T => {
    if (!invitation) throw unknownInvitationError();
    if (invitationStatus(invitation) !== 'active') throw unusableInvitationError(invitation);
    return invitation;
  };

  /**
   * The registration's address, trimmed. A missing or malformed one is the client's mistake about
   * the field (400, as users-permissions words it), not an address the link refuses.
   */
  const emailField = (email: unknown): string => {
    if (email === undefined || email === null || (typeof email === 'string' && email.trim() === '')) {
      throw emailFieldError('email is a required field');
    }
    if (typeof email !== 'string' || !isEmailAddress(email.trim())) throw emailFieldError('email must be a valid email');
    return email.trim();
  };

  /** 403 unless the link takes this address (any, when it lists no domains). */
  const assertEmailAllowed = ({ allowedEmailDomains }: InvitationByToken, email: unknown) => {
    if (!allowedEmailDomains?.length) return;
    if (!isEmailInDomains(emailField(email), allowedEmailDomains)) throw emailDomainRefusedError(allowedEmailDomains);
  };

  /** The personal link if it can still make its account: unknown or revoked 404, used 410. */
  const openPersonalLink = (link: PersonalLinkState | null): PersonalLinkState & { invitationId: number } => {
    if (!link || link.status === 'revoked' || link.invitationId === null) throw unknownInvitationError();
    if (link.status === 'accepted') throw personalLinkUsedError();
    return link as PersonalLinkState & { invitationId: number };
  };

  /** Why no seat was taken, as the database has it now: used up or expired (410), or deleted (404). */
  const seatRefusal = async (where: InvitationKey, trx: Knex.Transaction) => {
    const current = await currentSeats(where, trx);
    return current ? unusableInvitationError(current) : unknownInvitationError();
  };

  /**
   * A seat of the personal link's invitation, for the link's own address only. The invitation's
   * row is locked (by the seat UPDATE) before the recipient's, the order every writer keeps (see
   * recipients.ts). The recipient's conditional UPDATE is what makes the link once-only: of two
   * sign-ups racing on it, the second changes no row and is refused as used.
   */
  const claimPersonal = async (tokenHash: string, trx: Knex.Transaction, email: unknown): Promise<RedeemableInvitation> => {
    const link = openPersonalLink(await recipients().findByTokenHash(tokenHash, trx));
    if (!isSameRecipientEmail(emailField(email), link.email)) throw emailMismatchError();
    const where = { id: link.invitationId };
    const invitation = await takeSeat(strapi, where, trx, () => findRedeemable(where));
    if (!invitation) throw await seatRefusal(where, trx);
    assertEmailAllowed(invitation, email);
    if (!(await recipients().accept(link.id, trx))) {
      openPersonalLink(await recipients().findByTokenHash(tokenHash, trx));
      throw personalLinkUsedError();
    }
    return { ...invitation, recipientId: link.id };
  };

  /** claim, the token hashed: a seat of the shared link with this hash, or of the personal link's invitation. */
  const claimByHash = async (tokenHash: string, trx: Knex.Transaction, email: unknown): Promise<RedeemableInvitation> => {
    const invitation = await takeSeat(strapi, { tokenHash }, trx, () => findRedeemable({ tokenHash }));
    if (!invitation) {
      const current = await currentSeats({ tokenHash }, trx);
      if (current) throw unusableInvitationError(current);
      return claimPersonal(tokenHash, trx, email);
    }
    assertEmailAllowed(invitation, email);
    return invitation;
  };

  const statusOf = (invitation: InvitationByToken): PublicInvitationStatus => ({
    expiresAt: new Date(invitation.expiresAt).toISOString(),
    remaining: remainingSeats(invitation),
    welcomeMessage: invitation.welcomeMessage ?? null,
    redirectUrl: getService(strapi, 'first-access').allowedRedirect(invitation.redirectUrl),
    allowedEmailDomains: invitation.allowedEmailDomains ?? [],
    allowExistingAccounts: invitation.allowExistingAccounts === true,
  });

  return {
    /**
     * The token of the link whose code this is (typed in any case, with or without spaces and
     * dashes), so that a code goes wherever a token does; 404 for a code no link has.
     */
    async tokenForCode(code: unknown): Promise<string> {
      const hashes = tokens().codeHashes(code);
      if (hashes.length === 0) throw unknownInvitationError();
      const row = await strapi.db
        .query(INVITATION_UID)
        .findOne({ select: ['tokenHash', 'tokenCiphertext'], where: { codeHash: { $in: hashes } } });
      const token = row ? tokens().decrypt(row.tokenCiphertext, row.tokenHash) : null;
      if (!token) throw unknownInvitationError();
      return token;
    },

    /** What a link's holder may know; a personal link's also says the one address it is for. */
    async publicStatus(token: unknown): Promise<PublicInvitationStatus> {
      if (!tokens().isWellFormed(token)) throw unknownInvitationError();
      const tokenHash = tokens().hash(token);
      const invitation = await findForStatus({ tokenHash });
      if (invitation) return statusOf(usable(invitation));
      const link = openPersonalLink(await recipients().findByTokenHash(tokenHash));
      return { ...statusOf(usable(await findForStatus({ id: link.invitationId }))), email: link.email };
    },

    /**
     * Takes one seat for the account of `email` with a single conditional UPDATE (seats left and
     * not expired), so two registrations can never both take the last seat, whatever the number of
     * Strapi instances (on PostgreSQL and SQLite the same statement returns the link and its role:
     * database/take-seat.ts). The link is read only once its row lock is held, so its settings are
     * what the registration before it committed; users-permissions' reads of accounts (its "email
     * already taken") wait for this claim (the user lifecycles in bootstrap.ts; on MySQL/MariaDB the
     * claim runs before anything else of the transaction). An address the link does not take is
     * refused, and the rollback gives the seat back. A token that is no link's may be a personal
     * link's (see claimPersonal).
     */
    async claim(token: unknown, trx: Knex.Transaction, email: unknown): Promise<RedeemableInvitation> {
      if (!tokens().isWellFormed(token)) throw unknownInvitationError();
      const tokenHash = tokens().hash(token);
      return claimByHash(tokenHash, trx, email);
    },

    /**
     * claim, for a registration that is about to hash a password. On PostgreSQL a shared link's
     * seat is taken only when the redemption is recorded (in the same statement), so that the
     * link's row lock is held for the end of the transaction instead of the whole registration, and
     * one link's sign-ups no longer queue behind each other's password hashing. Here the link is
     * locked against changes and read (lockAndReadLink: its settings are the account's), and
     * refused now if it is used up, expired or does not take this address. The registrant's email
     * and username are locked, through a shared or a personal link, so that users-permissions'
     * "already taken" sees a concurrent sign-up of the same person. A personal link, and other
     * engines, take the seat now, as claim does.
     */
    async claimAtRecord(token: unknown, trx: Knex.Transaction, { email, username }: Registrant): Promise<RedeemableInvitation> {
      if (!tokens().isWellFormed(token)) throw unknownInvitationError();
      const tokenHash = tokens().hash(token);
      if (!takesSeatWithRedemption(strapi)) return claimByHash(tokenHash, trx, email);
      const identifiers = [email, username].filter((value): value is string => typeof value === 'string');
      const registrant = [...identifiers.map((value) => value.toLowerCase()), ...identifiers];
      const link = await lockAndReadLink<RedeemableInvitation>(strapi, tokenHash, registrant, trx);
      if (!link) return claimPersonal(tokenHash, trx, email);
      const invitation = usable(link);
      assertEmailAllowed(invitation, email);
      return { ...invitation, seatAtRecord: true };
    },

    /**
     * Takes the invitation's row lock for the rest of the transaction, so that no registration
     * takes a seat while an admin edits or deletes the link; returns its seats as they are (they
     * cannot change until the transaction ends), or null when there is no such invitation.
     */
    async lockForChange(id: number, trx: Knex.Transaction): Promise<SeatState | null> {
      await lockLinkAgainstSignups(strapi, id, trx);
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
      await lockLinkAgainstSignups(strapi, id, trx);
      const row = await strapi.db
        .queryBuilder(INVITATION_UID)
        .select(['tokenHash'])
        .where({ id })
        .first()
        .transacting(trx)
        .execute<{ tokenHash: string } | null>();
      return row ? lockSeats({ tokenHash: row.tokenHash }, trx) : null;
    },

    /** Records who took the seat (and, through a personal link, whose link made the account); returns when. */
    async recordRedemption(invitation: RedeemableInvitation, userId: number, trx: Knex.Transaction): Promise<Date> {
      const redeemedAt = new Date();
      const values = { invitationId: invitation.id, userId, redeemedAt };
      const written = await insertRedemption(strapi, values, trx, { takeSeat: invitation.seatAtRecord === true });
      // Used up or expired since the registration read the link: the rollback undoes the account.
      if (!written) throw await seatRefusal({ id: invitation.id }, trx);
      if (invitation.recipientId !== undefined) await recipients().linkUser(invitation.recipientId, userId, trx);
      return redeemedAt;
    },

    /**
     * Records an existing account that accepted the link (its seat taken by claim) and the role it
     * had; through a personal link, whose link it used. Returns when.
     */
    async recordAcceptance(
      invitation: RedeemableInvitation,
      userId: number,
      previousRoleId: number | null,
      trx: Knex.Transaction
    ) {
      const redeemedAt = new Date();
      await insertAcceptance(strapi, { invitationId: invitation.id, userId, redeemedAt, previousRoleId }, trx);
      if (invitation.recipientId !== undefined) await recipients().linkUser(invitation.recipientId, userId, trx);
      return redeemedAt;
    },

    /** Whether this account already came through this link (made by it, or accepted it). */
    async hasRedemption(invitationId: number, userId: number, trx: Knex.Transaction): Promise<boolean> {
      const found = await strapi.db
        .queryBuilder(REDEMPTION_UID)
        .select(['id'])
        .where({ invitation: { id: invitationId }, user: { id: userId } })
        .first()
        .transacting(trx)
        .execute();
      return Boolean(found);
    },

    /**
     * Emits `invitation.redeemed`, with how the account came (`kind`) and, for an accept, the role
     * it had. Only once committed: a rolled-back sign-up must not start anyone's onboarding.
     */
    announceRedemption(
      invitation: RedeemableInvitation,
      user: { id: number; email?: string },
      redeemedAt: Date,
      { kind, previousRole }: { kind: RedemptionKind; previousRole?: RoleSummary | null } = { kind: 'registered' }
    ) {
      const payload = {
        invitation: { id: invitation.id, name: invitation.name },
        user: { id: user.id, email: user.email },
        redeemedAt: redeemedAt.toISOString(),
        kind,
        ...(kind === 'accepted' && { previousRole: previousRole ?? null }),
      };
      // Not awaited: the new user's answer does not wait for the site's listeners. A listener that
      // throws would otherwise be an unhandled rejection, which ends a Node process.
      strapi.eventHub.emit(REDEEMED_EVENT, payload).catch((error: unknown) => {
        strapi.log.error(`[invitations] A listener of ${REDEEMED_EVENT} failed: ${(error as Error)?.message ?? error}`);
      });
    },
  };
};
