import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';
import type { RateLimitConfig } from '../config';
import { FixedWindowCounter } from '../utils/fixed-window-counter';

/** One counter per Strapi instance (tests boot several in one process). */
const counters = new WeakMap<Core.Strapi, FixedWindowCounter>();

const counterOf = (strapi: Core.Strapi) => {
  let counter = counters.get(strapi);
  if (!counter) {
    counter = new FixedWindowCounter();
    counters.set(strapi, counter);
  }
  return counter;
};

/**
 * Limits requests per client IP (`ctx.ip`: behind a proxy, set `server.proxy` so it is the
 * client's) to the plugin's `rateLimit` setting; over it, 429 in Strapi's error format with
 * Retry-After. Counts live in this process's memory: with several instances, a client may get
 * up to that many times the limit unless the load balancer keeps it on one instance. All the
 * plugin's public routes share one budget per IP, so that trying tokens on two endpoints is no
 * faster than on one.
 *
 * Attach it to a route with `middlewares: ['plugin::invitations.rate-limit']`.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    const { enabled, max, windowSeconds } = strapi.config.get(`plugin::${PLUGIN_ID}.rateLimit`) as RateLimitConfig;
    if (enabled) {
      const { allowed, retryAfterMs } = counterOf(strapi).hit(ctx.ip, { max, windowMs: windowSeconds * 1000 });
      if (!allowed) {
        const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
        ctx.set('Retry-After', String(retryAfter));
        throw new errors.RateLimitError('Too many requests, please try again later.', { retryAfter });
      }
    }
    await next();
  };
