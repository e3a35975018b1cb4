import type { HitResult, WindowLimit } from './fixed-window-counter';

export interface SharedWindowCounterOptions {
  /** Counts one hit of `key` in the window starting at `windowStart` (ms); resolves with the window's count. */
  countHit: (key: string, windowStart: number) => Promise<number>;
  /** How long a hit waits for `countHit` before the request goes on uncounted. */
  timeoutMs: number;
  /** Told why the store failed, at most once per window. */
  onUnavailable: (error: Error) => void;
  now?: () => number;
}

/**
 * The request stops waiting; the hit itself is not withdrawn. Its upsert still runs when the
 * database answers, so a slow store counts late rather than never (cancelling it would hand a
 * client that slows the database down uncounted tries), and it is the one statement the request
 * would have run anyway.
 */
const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * Counts hits per key in fixed windows kept in a store that several processes share. The windows
 * are aligned to the clock (a window of 60 s starts at each whole minute), so that every instance
 * agrees on where the current one ends and gives the same Retry-After.
 *
 * A store that fails or does not answer in time lets the request through (`counted: false`): the
 * limit guards against guessing tokens, and a request that goes on reaches a handler that needs the
 * same database, so it is answered as Strapi answers any request while its database is down.
 */
export class SharedWindowCounter {
  private lastReportedWindow: number | null = null;

  private readonly now: () => number;

  constructor(private readonly options: SharedWindowCounterOptions) {
    this.now = options.now ?? Date.now;
  }

  async hit(key: string, { max, windowMs }: WindowLimit): Promise<HitResult & { counted: boolean }> {
    const now = this.now();
    const windowStart = now - (now % windowMs);
    const retryAfterMs = windowStart + windowMs - now;
    try {
      const count = await withTimeout(this.options.countHit(key, windowStart), this.options.timeoutMs);
      return { allowed: count <= max, retryAfterMs, counted: true };
    } catch (error) {
      this.reportOnce(windowStart, error as Error);
      return { allowed: true, retryAfterMs, counted: false };
    }
  }

  private reportOnce(windowStart: number, error: Error) {
    if (this.lastReportedWindow === windowStart) return;
    this.lastReportedWindow = windowStart;
    this.options.onUnavailable(error);
  }
}
