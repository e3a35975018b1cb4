import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';
import type { RateLimitConfig } from '../config';
import { clientAddressOf } from '../utils/client-address';
import { rateLimitUnavailableError } from '../utils/errors';
import { getService } from '../utils/get-service';
import type { KoaContext } from '../koa';

/**
 * Limits requests per client (the address the nearest trusted proxy saw, see utils/client-address.ts;
 * an IPv6 client by its /64) to the plugin's `rateLimit` setting; over it, 429 in Strapi's error
 * format with Retry-After. The counts live where `rateLimit.store` says (services/rate-limit.ts):
 * this process's memory, or the site's database, shared by every instance; a store that fails
 * answers 503. All the plugin's public routes share one budget per client, so that trying tokens on
 * two endpoints is no faster than on one.
 *
 * Attach it to a route with `middlewares: ['plugin::invitations.rate-limit']`; GraphQL resolvers
 * call countAgainstRateLimit themselves.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    await countAgainstRateLimit(strapi, ctx);
    await next();
  };

/** Counts the request against its client's budget; throws the 429 (or the 503) the middleware answers. */
export const countAgainstRateLimit = async (strapi: Core.Strapi, ctx: KoaContext) => {
  const { enabled } = strapi.config.get(`plugin::${PLUGIN_ID}.rateLimit`) as RateLimitConfig;
  if (!enabled) return;
  const { allowed, retryAfterMs, failure } = await getService(strapi, 'rate-limit').hit(clientAddressOf(ctx));
  if (failure === 'error') throw rateLimitUnavailableError();
  if (!allowed) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
    ctx.set('Retry-After', String(retryAfter));
    throw new errors.RateLimitError('Too many requests, please try again later.', { retryAfter });
  }
};
