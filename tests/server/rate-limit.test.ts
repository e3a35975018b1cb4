// @engine-neutral
import { FixedWindowCounter } from '../../server/src/utils/fixed-window-counter';
import { rateLimitSuite } from './rate-limit-suite';

describe('with the memory store', () => {
  rateLimitSuite('memory');
});

describe('the counter', () => {
  test('counts per key in fixed windows and forgets expired windows', () => {
    let now = 1_000;
    const counter = new FixedWindowCounter(() => now);
    const limit = { max: 2, windowMs: 1_000 };
    expect(counter.hit('a', limit)).toEqual({ allowed: true, retryAfterMs: 1_000 });
    now += 400;
    expect(counter.hit('a', limit)).toEqual({ allowed: true, retryAfterMs: 600 });
    expect(counter.hit('a', limit)).toEqual({ allowed: false, retryAfterMs: 600 });
    expect(counter.hit('b', limit).allowed).toBe(true);
    now += 600;
    expect(counter.hit('a', limit)).toEqual({ allowed: true, retryAfterMs: 1_000 });
    now += 1_000;
    counter.hit('c', limit);
    expect(counter.size).toBe(1);
  });
});
