import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';
import { getService } from '../utils/get-service';
import { invitationRequiredError } from '../utils/errors';
import type { Knex } from 'knex';
import { redemptionScope, startRedemption, type RedemptionInProgress } from '../utils/redemption-scope';
import type { RedeemableInvitation } from './seats';
import { validateRegistrationText } from '../validation/registration';
import type { KoaContext } from '../koa';

export type RegisterHandler = (ctx: KoaContext) => Promise<unknown>;

export const INVITATION_TOKEN_FIELD = 'invitationToken';

/** `details.reason` of the 400 for a confirmation email that failed once the account was committed. */
export const CONFIRMATION_EMAIL_FAILED = 'confirmation-email-failed';

/**
 * Takes the invitation token out of the registration body: users-permissions rejects any key it
 * does not know, and the token must never reach the user's data.
 */
const takeInvitationToken = (ctx: KoaContext): unknown => {
  const body = ctx.request.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || !Object.prototype.hasOwnProperty.call(body, INVITATION_TOKEN_FIELD)) {
    return undefined;
  }
  const token = body[INVITATION_TOKEN_FIELD];
  delete body[INVITATION_TOKEN_FIELD];
  return token;
};

/** users-permissions' answer to a registration (no jwt when the email must be confirmed first), plus ours. */
export interface RegisterResponse {
  jwt?: string;
  user?: { id?: number; email?: string };
  /** Where the invitation sends the new user next. */
  redirectUrl?: string | null;
  [key: string]: unknown;
}

/**
 * Engines where each statement reads what was committed when it starts (PostgreSQL's READ
 * COMMITTED; SQLite, one writer at a time). On MySQL/MariaDB (REPEATABLE READ) the transaction's
 * first plain read fixes what every later one sees, so users-permissions must not read anything
 * before the seat's row lock is held: there the seat is taken first, alone.
 */
const READS_LATEST_COMMIT = new Set(['postgres', 'sqlite']);

/**
 * Registration through an invitation. The seat is taken and the account created in one
 * transaction: if users-permissions refuses the registration (email taken, bad password...),
 * the seat is given back by the rollback.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * The outcome once everything the registration started has settled: the seat's refusal first
   * (a link that takes no one says so, whatever else is wrong), then users-permissions' error.
   */
  const refusal = async (redemption: RedemptionInProgress, error: unknown) => {
    await redemption.recording?.redeemedAt.catch(() => undefined);
    await redemption.seat;
    return error;
  };

  /** When the account's redemption was written: by the user lifecycle as it was created, or now. */
  const redeemedAt = (redemption: RedemptionInProgress, invitation: RedeemableInvitation, userId: number, trx: Knex.Transaction) => {
    const { recording } = redemption;
    if (!recording) return getService(strapi, 'seats').recordRedemption(invitation, userId, trx);
    if (recording.userId !== userId) throw new Error('users-permissions answered with another account than the one it created');
    return recording.redeemedAt;
  };

  /** Takes a seat and creates the account with the invitation's role and presets, all or nothing. */
  const redeem = (token: string, originalRegister: RegisterHandler, ctx: KoaContext) => {
    const seats = getService(strapi, 'seats');
    return strapi.db.transaction(async ({ trx }) => {
      // A link that is used up or expired, or that does not take this email address, is refused
      // before any password is hashed or confirmation email sent (users-permissions reads the
      // accounts first, and those reads wait for the seat), and a rollback gives the seat back.
      const email = (ctx.request.body as { email?: unknown } | undefined)?.email;
      const redemption = startRedemption(seats.claim(token, trx, email), (invitation, userId) =>
        seats.recordRedemption(invitation, userId, trx)
      );
      if (!READS_LATEST_COMMIT.has(strapi.db.dialect.client)) await redemption.seat;
      try {
        await redemptionScope.run(redemption, () => originalRegister(ctx));
      } catch (error) {
        throw await refusal(redemption, error);
      }
      const invitation = await redemption.seat;
      const user = (ctx.body as RegisterResponse | undefined)?.user;
      if (!user?.id) throw new Error('users-permissions answered a registration without creating an account');
      return { redemption, invitation, user, redeemedAt: await redeemedAt(redemption, invitation, user.id, trx) };
    });
  };

  /** The confirmation email users-permissions asked for inside the transaction, now that it has committed. */
  const sendHeldEmails = async ({ afterCommit }: RedemptionInProgress) => {
    try {
      for (const task of afterCommit) await task();
    } catch (error) {
      // As users-permissions answers when its confirmation email fails: the account stays. The
      // reason tells the hosted page not to offer the form again.
      strapi.log.error(error);
      throw new errors.ApplicationError('Error sending confirmation email', { reason: CONFIRMATION_EMAIL_FAILED });
    }
  };

  return {
    wrap(originalRegister: RegisterHandler): RegisterHandler {
      return async (ctx) => {
        validateRegistrationText(ctx.request.body);
        const token = takeInvitationToken(ctx);
        if (token === undefined || token === null || token === '') {
          if (strapi.config.get(`plugin::${PLUGIN_ID}.requireInvitation`)) throw invitationRequiredError();
          return originalRegister(ctx);
        }
        if (typeof token !== 'string') {
          throw new errors.ValidationError(`${INVITATION_TOKEN_FIELD} must be a string`);
        }

        const { redemption, invitation, user, redeemedAt } = await redeem(token, originalRegister, ctx);
        getService(strapi, 'seats').announceRedemption(invitation, user as { id: number; email?: string }, redeemedAt);
        await sendHeldEmails(redemption);
        ctx.body = {
          ...(ctx.body as RegisterResponse),
          // Where the invitation sends the new user next (null: the front end's own choice).
          redirectUrl: getService(strapi, 'first-access').allowedRedirect(invitation.redirectUrl),
        };
        return ctx.body;
      };
    },
  };
};
