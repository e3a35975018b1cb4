import { AsyncLocalStorage } from 'node:async_hooks';
import type { RedeemableInvitation } from '../services/seats';

/** Writes who took the seat, in the registration's transaction; resolves with when. */
export type RecordRedemption = (invitation: RedeemableInvitation, userId: number) => Promise<Date>;

/**
 * A registration through an invitation, while its transaction is open.
 *
 * On PostgreSQL each statement is a round trip, and on the bench's machine one sent after a pause
 * waited about 1.5 ms against 0.2 to 0.4 ms for one sent right behind another (bench/RESULTS.md,
 * row 1). So the claim (the seat's UPDATE, or on PostgreSQL the link's locks and read) goes out
 * while users-permissions starts its own reads, and the redemption is written as soon as the
 * account exists, while users-permissions builds its answer. What keeps the rules is what waits
 * for the claim: every read and the insert of an account (the user lifecycles in bootstrap.ts),
 * and the commit.
 */
export interface RedemptionInProgress {
  /** The claim: the invitation whose seat it is (or, on PostgreSQL, will be), or why the link refuses (404, 410, 403). */
  claimed: Promise<RedeemableInvitation>;
  /** The registrant's address as users-permissions stores it (lower case): whose account gets the redemption. */
  email: string | null;
  /** Starts writing the redemption of the account just created, once, if it is the registrant's. */
  recordAccount: (account: { id: number; email?: unknown }) => void;
  /** The redemption being written, and for which account; undefined until the registrant's account is created. */
  recording?: { userId: number; redeemedAt: Promise<Date> };
  /** Work that must wait for the commit (an email about an account that may still roll back). */
  afterCommit: Array<() => Promise<void>>;
}

const ignore = () => undefined;

/**
 * A registration of `email` through `claimed`, which `record` writes down once the account
 * exists. Rejections are marked handled here: the gate awaits both before it commits or rolls back,
 * but a refused claim may settle before anyone awaits it.
 */
export const startRedemption = (
  claimed: Promise<RedeemableInvitation>,
  email: unknown,
  record: RecordRedemption
): RedemptionInProgress => {
  claimed.catch(ignore);
  const redemption: RedemptionInProgress = {
    claimed,
    email: typeof email === 'string' ? email.toLowerCase() : null,
    afterCommit: [],
    recordAccount(account) {
      // A site's own hook may create other accounts during the registration: not this one's.
      if (redemption.recording || account.email !== redemption.email) return;
      const redeemedAt = claimed.then((invitation) => record(invitation, account.id));
      redeemedAt.catch(ignore);
      redemption.recording = { userId: account.id, redeemedAt };
    },
  };
  return redemption;
};

/**
 * The registration in progress, for as long as users-permissions creates the account: the user
 * lifecycles and the confirmation email read it.
 */
export const redemptionScope = new AsyncLocalStorage<RedemptionInProgress>();

/**
 * Until the claim has answered, nothing reads or creates an account inside a registration through
 * an invitation. The claim itself runs outside the scope, so it never waits for itself.
 */
export const waitForClaim = async (): Promise<RedeemableInvitation | undefined> => redemptionScope.getStore()?.claimed;

/**
 * Wraps a sender of email so that, inside a registration through an invitation, it sends only once
 * the account is committed: the seat's row lock (and, on SQLite, the database's only connection)
 * is not held while a mail server answers, and no email goes out for an account that rolls back.
 */
export const holdUntilCommitted =
  <A extends unknown[]>(send: (...args: A) => Promise<unknown>) =>
  async (...args: A): Promise<void> => {
    const redemption = redemptionScope.getStore();
    if (!redemption) {
      await send(...args);
      return;
    }
    redemption.afterCommit.push(async () => {
      await send(...args);
    });
  };
