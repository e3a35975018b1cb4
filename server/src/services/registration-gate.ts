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
import { countAgainstRateLimit } from '../middlewares/rate-limit';

export type RegisterHandler = (ctx: KoaContext) => Promise<unknown>;

export const INVITATION_TOKEN_FIELD = 'invitationToken';
/** The field a code typed by hand comes in, instead of the token. */
export const INVITATION_CODE_FIELD = 'invitationCode';

/** `details.reason` of the 400 for a confirmation email that failed once the account was committed. */
export const CONFIRMATION_EMAIL_FAILED = 'confirmation-email-failed';

/**
 * Takes a field of the invitation out of the registration body: users-permissions rejects any key
 * it does not know, and the token or code must never reach the user's data.
 */
const takeField = (ctx: KoaContext, field: string): unknown => {
  const body = ctx.request.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || !Object.prototype.hasOwnProperty.call(body, field)) return undefined;
  const value = body[field];
  delete body[field];
  return value;
};

const isGiven = (value: unknown) => value !== undefined && value !== null && value !== '';

/** users-permissions' answer to a registration (no jwt when the email must be confirmed first), plus ours. */
export interface RegisterResponse {
  jwt?: string;
  user?: { id?: number; email?: string };
  /** Where the invitation sends the new user next. */
  redirectUrl?: string | null;
  [key: string]: unknown;
}

/**
 * Engines where users-permissions may start its reads before the claim has answered (its reads of
 * accounts still wait for it: the lifecycles in bootstrap.ts): on PostgreSQL (READ COMMITTED)
 * each statement reads what was committed when it starts; on SQLite the transaction holds the only
 * connection. On MySQL/MariaDB (REPEATABLE READ) the transaction's first plain read fixes what every
 * later one sees, so nothing may be read before the seat's row lock is held: there the seat is
 * taken first, alone.
 */
const CLAIM_MAY_OVERLAP_REGISTER = new Set(['postgres', 'sqlite']);

/**
 * Registration through an invitation. The seat is taken and the account created in one
 * transaction: if users-permissions refuses the registration (email taken, bad password...),
 * the seat is given back by the rollback.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * What to throw once everything the registration started has settled (nothing is left running
   * when the transaction rolls back): the seat's refusal first (a link that takes no one says so,
   * whatever else is wrong), then a failed redemption record, then `error`.
   */
  const errorOnceSettled = async (redemption: RedemptionInProgress, error: unknown) => {
    const recordingError = await redemption.recording?.redeemedAt.then(
      () => undefined,
      (failure: unknown) => failure
    );
    await redemption.claimed;
    return recordingError ?? error;
  };

  /** When the account's redemption was written: by the user lifecycle as it was created, or now. */
  const recordedRedemption = (
    redemption: RedemptionInProgress,
    invitation: RedeemableInvitation,
    userId: number,
    trx: Knex.Transaction
  ) => {
    const { recording } = redemption;
    if (!recording) return getService(strapi, 'seats').recordRedemption(invitation, userId, trx);
    if (recording.userId !== userId) throw new Error('users-permissions answered with another account than the one it created');
    return recording.redeemedAt;
  };

  /** The registration, once users-permissions has answered: the invitation, the account and when it was redeemed. */
  const completed = async (redemption: RedemptionInProgress, ctx: KoaContext, trx: Knex.Transaction) => {
    const invitation = await redemption.claimed;
    const user = (ctx.body as RegisterResponse | undefined)?.user;
    if (!user?.id) throw new Error('users-permissions answered a registration without creating an account');
    return { redemption, invitation, user, redeemedAt: await recordedRedemption(redemption, invitation, user.id, trx) };
  };

  /** Takes a seat and creates the account with the invitation's role and presets, all or nothing. */
  const redeem = (token: string, originalRegister: RegisterHandler, ctx: KoaContext) => {
    const seats = getService(strapi, 'seats');
    return strapi.db.transaction(async ({ trx }) => {
      // A link that is used up or expired when the registration starts, or that does not take this
      // email address, is refused before any password is hashed (users-permissions reads the
      // accounts first, and those reads wait for the claim); a registration that fails takes no seat.
      const { email, username } = (ctx.request.body ?? {}) as { email?: unknown; username?: unknown };
      const redemption = startRedemption(seats.claimAtRecord(token, trx, { email, username }), email, (invitation, userId) =>
        seats.recordRedemption(invitation, userId, trx)
      );
      if (!CLAIM_MAY_OVERLAP_REGISTER.has(strapi.db.dialect.client)) await redemption.claimed;
      try {
        await redemptionScope.run(redemption, () => originalRegister(ctx));
        return await completed(redemption, ctx, trx);
      } catch (error) {
        throw await errorOnceSettled(redemption, error);
      }
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

  /**
   * The token the registration names, given as such or as a code typed by hand. A code can be
   * guessed where a token cannot: each registration with one counts against the plugin's rate
   * limit, as its own public routes do.
   */
  const tokenOf = async (ctx: KoaContext, token: unknown, code: unknown): Promise<string> => {
    if (isGiven(token) && isGiven(code)) {
      throw new errors.ValidationError(`Give ${INVITATION_TOKEN_FIELD} or ${INVITATION_CODE_FIELD}, not both`);
    }
    if (isGiven(token)) {
      if (typeof token !== 'string') throw new errors.ValidationError(`${INVITATION_TOKEN_FIELD} must be a string`);
      return token;
    }
    if (typeof code !== 'string') throw new errors.ValidationError(`${INVITATION_CODE_FIELD} must be a string`);
    await countAgainstRateLimit(strapi, ctx);
    return getService(strapi, 'seats').tokenForCode(code);
  };

  return {
    wrap(originalRegister: RegisterHandler): RegisterHandler {
      return async (ctx) => {
        validateRegistrationText(ctx.request.body);
        const givenToken = takeField(ctx, INVITATION_TOKEN_FIELD);
        const code = takeField(ctx, INVITATION_CODE_FIELD);
        if (!isGiven(givenToken) && !isGiven(code)) {
          if (strapi.config.get(`plugin::${PLUGIN_ID}.requireInvitation`))
            throw invitationRequiredError(getService(strapi, 'links').requestAccessUrl());
          return originalRegister(ctx);
        }
        const token = await tokenOf(ctx, givenToken, code);

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
