export interface WindowLimit {
  max: number;
  windowMs: number;
}

/** How a shared store failed: it did not answer in time (the request goes on), or it answered with an error. */
export type StoreFailure = 'timeout' | 'error';

export interface HitResult {
  allowed: boolean;
  /** Milliseconds until the key's window ends. */
  retryAfterMs: number;
  /** Set when the store could not count the hit. */
  failure?: StoreFailure;
}

/**
 * Counts hits per key in fixed time windows, in memory. Expired windows are swept at most once
 * per window length, so the map holds only the keys seen in the current window.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  hit(key: string, { max, windowMs }: WindowLimit): HitResult {
    const now = this.now();
    this.sweep(now, windowMs);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { allowed: window.count <= max, retryAfterMs: window.resetAt - now };
  }

  get size() {
    return this.windows.size;
  }

  private sweep(now: number, windowMs: number) {
    if (now < this.nextSweep) return;
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) this.windows.delete(key);
    }
    this.nextSweep = now + windowMs;
  }
}
