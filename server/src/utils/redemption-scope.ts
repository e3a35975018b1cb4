import { AsyncLocalStorage } from 'node:async_hooks';
import type { RedeemableInvitation } from '../services/seats';

/** A registration through an invitation, while its transaction is open. */
export interface RedemptionInProgress {
  /** The invitation whose seat it has taken: the account is created with its role and presets. */
  invitation: RedeemableInvitation;
  /** Work that must wait for the commit (an email about an account that may still roll back). */
  afterCommit: Array<() => Promise<void>>;
}

/**
 * The registration in progress, for as long as users-permissions creates the account: the user
 * lifecycle and the confirmation email read it.
 */
export const redemptionScope = new AsyncLocalStorage<RedemptionInProgress>();

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
