import type { HitResult, StoreFailure, WindowLimit } from './fixed-window-counter';

export interface SharedWindowCounterOptions {
  /** Counts one hit of `key` in the window starting at `windowStart` (ms); resolves with the window's count. */
  countHit: (key: string, windowStart: number) => Promise<number>;
  /** How long a hit waits for `countHit` before the request goes on uncounted. */
  timeoutMs: number;
  /** Told why the store failed, at most once per window for each of the two ways it fails. */
  onUnavailable: (error: Error, failure: StoreFailure) => void;
  now?: () => number;
}

export type SharedHitResult = HitResult & { counted: boolean };

class StoreTimeoutError extends Error {}

/**
 * The request stops waiting; the hit itself is not withdrawn. Its upsert still runs when the
 * database answers, so a slow store counts late rather than never (cancelling it would hand a
 * client that slows the database down uncounted tries), and it is the one statement the request
 * would have run anyway.
 */
const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreTimeoutError(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * Counts hits per key in fixed windows kept in a store that several processes share. The windows
 * are aligned to the clock (a window of 60 s starts at each whole minute), so that every instance
 * agrees on where the current one ends and gives the same Retry-After.
 *
 * A store that does not answer in time lets the request through (`counted: false`): a database
 * slower than `timeoutMs` should slow the site down, not shut its links. A store that answers with
 * an error (a failed insert, a refused connection) refuses it (`allowed: false`, `failure: 'error'`):
 * that error would come back on every try, and letting it through would give unlimited tries to
 * whoever can cause it.
 */
export class SharedWindowCounter {
  private readonly lastReportedWindow: Record<StoreFailure, number | null> = { timeout: null, error: null };

  private readonly now: () => number;

  constructor(private readonly options: SharedWindowCounterOptions) {
    this.now = options.now ?? Date.now;
  }

  async hit(key: string, { max, windowMs }: WindowLimit): Promise<SharedHitResult> {
    const now = this.now();
    const windowStart = now - (now % windowMs);
    const retryAfterMs = windowStart + windowMs - now;
    try {
      const count = await withTimeout(this.options.countHit(key, windowStart), this.options.timeoutMs);
      return { allowed: count <= max, retryAfterMs, counted: true };
    } catch (error) {
      const failure: StoreFailure = error instanceof StoreTimeoutError ? 'timeout' : 'error';
      this.reportOnce(windowStart, error as Error, failure);
      return { allowed: failure === 'timeout', retryAfterMs, counted: false, failure };
    }
  }

  private reportOnce(windowStart: number, error: Error, failure: StoreFailure) {
    if (this.lastReportedWindow[failure] === windowStart) return;
    this.lastReportedWindow[failure] = windowStart;
    this.options.onUnavailable(error, failure);
  }
}
