import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { RateLimitConfig, RateLimitStoreKind } from '../config';
import { CLEANUP_BATCH_SIZE, ensureRateLimitTable, rateLimitTable } from '../database/rate-limit-table';
import { clientKey } from '../utils/client-address';
import { FixedWindowCounter, type HitResult, type StoreFailure } from '../utils/fixed-window-counter';
import { SharedWindowCounter } from '../utils/shared-window-counter';

/** All the plugin's public token routes share one budget per client: trying tokens on two is no faster than on one. */
const TOKEN_ROUTES_SCOPE = 'token-routes';
/** Batches one cleanup may delete before it waits for the next: bounded work, whatever piled up. */
const CLEANUP_MAX_BATCHES = 20;
const CLEANUP_INTERVAL_MS = { min: 5_000, max: 300_000 };

const STORE_FAILURE_REPORT: Record<StoreFailure, (reason: string) => string> = {
  timeout: (reason) => `did not answer (${reason}): public token routes go uncounted until it does`,
  error: (reason) => `failed (${reason}): public token routes answer 503 until it works`,
};

interface Counter {
  hit: (key: string, limit: { max: number; windowMs: number }) => HitResult | Promise<HitResult>;
}

/**
 * The rate limit's counts, in the store the configuration chooses (see `storeKind`). The database
 * store's table is made at bootstrap (`prepare`), and its old windows are removed in the background,
 * never while a request waits.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.config.get(`plugin::${PLUGIN_ID}.rateLimit`) as RateLimitConfig;
  const windowMs = () => settings().windowSeconds * 1000;
  let counter: Counter | undefined;
  let cleanupTimer: NodeJS.Timeout | undefined;

  const storeKind = (): RateLimitStoreKind => settings().store ?? (strapi.db.dialect.client === 'sqlite' ? 'memory' : 'database');

  const databaseCounter = () => {
    const table = rateLimitTable(strapi);
    return new SharedWindowCounter({
      countHit: (key, windowStart) => table.countHit(strapi.db.connection, key, windowStart),
      timeoutMs: settings().storeTimeoutMs,
      // knex quotes the statement with its values in the message: the key is a hash, never what a client sent.
      onUnavailable: (error, failure) =>
        strapi.log.error(`[invitations] The rate limit's database store ${STORE_FAILURE_REPORT[failure](error.message)}`),
    });
  };

  const counterOf = () => {
    counter ??= storeKind() === 'database' ? databaseCounter() : new FixedWindowCounter();
    return counter;
  };

  /** Behind proxies, Koa trusts the whole X-Forwarded-For unless told how many of its entries proxies wrote. */
  const warnOfUntrustedProxyHeader = () => {
    const { proxy, maxIpsCount } = strapi.server.app;
    if (!proxy || maxIpsCount > 0) return;
    strapi.log.warn(
      "[invitations] server.proxy.koa is on without server.proxy.maxIpsCount: the rate limit counts each client by the last X-Forwarded-For address (the nearest proxy's), as if maxIpsCount were 1. Set it to the number of proxies in front of Strapi."
    );
  };

  /** Deletes windows that ended a while ago (another instance's clock may lag a little), a batch at a time. */
  const removeOldWindows = async () => {
    const table = rateLimitTable(strapi);
    const before = Date.now() - 2 * windowMs();
    for (let batch = 0; batch < CLEANUP_MAX_BATCHES; batch += 1) {
      if ((await table.removeOldWindows(strapi.db.connection, before)) < CLEANUP_BATCH_SIZE) return;
    }
  };

  const scheduleCleanup = () => {
    const delay = Math.min(Math.max(windowMs(), CLEANUP_INTERVAL_MS.min), CLEANUP_INTERVAL_MS.max);
    cleanupTimer = setTimeout(async () => {
      try {
        await removeOldWindows();
      } catch (error) {
        strapi.log.warn(`[invitations] Could not remove old rate limit windows: ${(error as Error).message}`);
      }
      scheduleCleanup();
    }, delay);
    // The cleanup never keeps a process alive that has nothing else to do.
    cleanupTimer.unref();
  };

  return {
    storeKind,

    /** At bootstrap: the database store's table, and its background cleanup. */
    async prepare() {
      if (!settings().enabled) return;
      warnOfUntrustedProxyHeader();
      if (storeKind() !== 'database') return;
      await ensureRateLimitTable(strapi);
      scheduleCleanup();
    },

    /** One background cleanup, now. */
    removeOldWindows,

    /** Counts one request of the client at `address` (see utils/client-address.ts) on a public token route. */
    hit(address: string): HitResult | Promise<HitResult> {
      return counterOf().hit(clientKey(TOKEN_ROUTES_SCOPE, address), { max: settings().max, windowMs: windowMs() });
    },

    stop() {
      clearTimeout(cleanupTimer);
      cleanupTimer = undefined;
    },
  };
};
