import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { PLUGIN_ID } from '../constants';
import { VERIFIED_EMAIL_PROVIDERS } from '../config';
import { getService } from '../utils/get-service';
import { invitationRequiredError, providerEmailUnverifiedError } from '../utils/errors';
import type { RedeemableInvitation } from './seats';
import type { KoaContext } from '../koa';

type Session = Record<string, unknown>;
type ConnectedUser = { id: number; email?: string };
type Connect = (provider: string, oauthData: unknown, options?: unknown) => Promise<ConnectedUser>;
type Handler = (ctx: KoaContext) => Promise<unknown>;

/** How long an invitation waits in the session for the provider to send its holder back. */
const CARRY_MS = 10 * 60 * 1000;
const SESSION_KEY = 'invitationSignup';
/** Where the gate leaves its refusal for the callback controller, which rewraps every error. */
const REFUSAL = 'invitationsProviderSignupRefusal';
/** Where the redeemed invitation's page after sign-up waits for the callback's answer. */
const REDIRECT = 'invitationsProviderSignupRedirect';

/**
 * The session is a signed cookie, readable by whoever holds it: the token travels encrypted
 * (with the key of the admins' encrypted copies), under its hash.
 */
interface CarriedInvitation {
  tokenHash: string;
  sealedToken: string;
  expiresAt: number;
}

/** One provider callback in progress: the invitation it carries and the seat it took. */
type SignupScope = { provider: string } & (
  { token: null; trx: null; claimed: null } | { token: string; trx: Knex.Transaction; claimed: RedeemableInvitation | null }
);

const scopes = new AsyncLocalStorage<SignupScope>();

/**
 * Sign-up through a third-party provider (users-permissions' `/api/connect/:provider` flow).
 * users-permissions' `providers.connect` either finds the account of the provider's email (a
 * login) or creates one (a sign-up) with `strapi.db.query(...).create`. The gate runs exactly at
 * that creation, inside a transaction opened around `connect`: it takes a seat of the invitation
 * the person brought, or refuses, and the seat comes back if the creation fails. Logins of
 * existing accounts never reach it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tokens = () => getService(strapi, 'tokens');

  const carriedToken = (session: Session | null | undefined): string | null => {
    const carried = session?.[SESSION_KEY] as CarriedInvitation | undefined;
    if (!carried || typeof carried.tokenHash !== 'string' || !(carried.expiresAt > Date.now())) return null;
    return tokens().decrypt(carried.sealedToken, carried.tokenHash);
  };

  /** Personal links and email domains trust the address: only as far as the provider verifies it. */
  const assertEmailTrusted = (invitation: RedeemableInvitation, provider: string) => {
    const trustsEmail = invitation.recipientId !== undefined || (invitation.allowedEmailDomains?.length ?? 0) > 0;
    const verified: readonly string[] =
      strapi.config.get(`plugin::${PLUGIN_ID}.verifiedEmailProviders`) ?? VERIFIED_EMAIL_PROVIDERS;
    if (trustsEmail && !verified.includes(provider)) throw providerEmailUnverifiedError(provider);
  };

  return {
    /** Keeps a usable invitation in the session for the provider round trip (404/410 otherwise). */
    async carry(session: Session | null | undefined, token: string, provider: string) {
      // The site's setup, not the visitor's request: a 500 with the fix in the log.
      if (!session) throw new Error('[invitations] Provider sign-up needs the session middleware (strapi::session)');
      await getService(strapi, 'seats').publicStatus(token);
      const grant = (await strapi.store({ type: 'plugin', name: 'users-permissions', key: 'grant' }).get({})) as Record<
        string,
        { enabled?: boolean }
      > | null;
      if (provider === 'email' || !grant?.[provider]?.enabled) {
        throw new errors.ValidationError(`The provider "${provider}" is not enabled`);
      }
      const tokenHash = tokens().hash(token);
      session[SESSION_KEY] = {
        tokenHash,
        sealedToken: tokens().encrypt(token, tokenHash),
        expiresAt: Date.now() + CARRY_MS,
      } satisfies CarriedInvitation;
    },

    /**
     * Wraps users-permissions' `providers.connect`, putting the carried invitation in scope. Only a
     * callback that carries one runs in a transaction (seat and account together): a plain login
     * holds no connection while the provider is asked for the profile.
     */
    wrapConnect(connect: Connect): Connect {
      return async (provider, oauthData, options) => {
        const session = strapi.requestContext.get()?.session as Session | undefined;
        const token = carriedToken(session);
        if (token === null) {
          return scopes.run({ token, provider, trx: null, claimed: null }, () => connect(provider, oauthData, options));
        }
        const seats = getService(strapi, 'seats');
        const { user, redemption } = await strapi.db.transaction(async ({ trx }) => {
          const scope: SignupScope = { token, provider, trx, claimed: null };
          const connected = await scopes.run(scope, () => connect(provider, oauthData, options));
          if (!scope.claimed) return { user: connected, redemption: null };
          const redeemedAt = await seats.recordRedemption(scope.claimed, connected.id, trx);
          return { user: connected, redemption: { invitation: scope.claimed, redeemedAt } };
        });
        if (session) delete session[SESSION_KEY];
        if (redemption) {
          seats.announceRedemption(redemption.invitation, user, redemption.redeemedAt);
          const ctx = strapi.requestContext.get();
          if (ctx) ctx.state[REDIRECT] = getService(strapi, 'first-access').allowedRedirect(redemption.invitation.redirectUrl);
        }
        return user;
      };
    },

    /**
     * Database lifecycle of users-permissions users: the gate, when a provider callback creates one
     * (`data` is the account about to be inserted, with the provider's email address). Returns the
     * invitation whose seat it took, if any.
     */
    async beforeUserCreate(data: { email?: unknown }): Promise<RedeemableInvitation | null> {
      const scope = scopes.getStore();
      if (!scope) return null;
      try {
        if (scope.token === null) {
          if (strapi.config.get(`plugin::${PLUGIN_ID}.requireInvitation`))
            throw invitationRequiredError(getService(strapi, 'links').requestAccessUrl());
          return null;
        }
        const claimed = await getService(strapi, 'seats').claim(scope.token, scope.trx, data.email);
        // Thrown inside the callback's transaction: the seat just taken goes back with it.
        assertEmailTrusted(claimed, scope.provider);
        scope.claimed = claimed;
        return claimed;
      } catch (error) {
        const ctx = strapi.requestContext.get();
        if (ctx) ctx.state[REFUSAL] = error;
        throw error;
      }
    },

    /**
     * Wraps users-permissions' `auth.callback`, which turns every provider error into a 400
     * ApplicationError: the gate's own refusal (403, 404, 410 with its reason) is answered instead.
     * A sign-up through an invitation also answers its page after sign-up, like registration does.
     */
    wrapCallback(callback: Handler): Handler {
      return async (ctx) => {
        try {
          await callback(ctx);
        } catch (error) {
          throw ctx.state[REFUSAL] ?? error;
        }
        if (REDIRECT in ctx.state) ctx.body = { ...(ctx.body as object), redirectUrl: ctx.state[REDIRECT] };
        return ctx.body;
      };
    },
  };
};
