import { describe, expect, it } from 'vitest';

import { AuthFailureGuard } from '../../../src/limits/auth-failure-guard.js';
import type { RateLimit } from '../../../src/limits/rate-limit.js';

/** Allows `limit` failures per key, then refuses for 60 s. */
function countingLimit(limit: number): RateLimit & { takes: number } {
  const counts = new Map<string, number>();
  return {
    takes: 0,
    take(key) {
      this.takes += 1;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return Promise.resolve(
        count > limit
          ? { allowed: false, retryAfterMs: 60_000 }
          : { allowed: true },
      );
    },
  };
}

describe('AuthFailureGuard', () => {
  it('blocks an address once its failures pass the limit, for the wait given', async () => {
    let now = 1_000_000;
    const guard = new AuthFailureGuard(countingLimit(2), () => now);
    expect(await guard.recordFailure('10.0.0.1')).toEqual({ allowed: true });
    expect(await guard.recordFailure('10.0.0.1')).toEqual({ allowed: true });
    expect(guard.blockedForMs('10.0.0.1')).toBe(0);
    expect(await guard.recordFailure('10.0.0.1')).toEqual({
      allowed: false,
      retryAfterMs: 60_000,
    });
    expect(guard.blockedForMs('10.0.0.1')).toBe(60_000);
    expect(guard.blockedForMs('10.0.0.2')).toBe(0);
    now += 59_000;
    expect(guard.blockedForMs('10.0.0.1')).toBe(1000);
    now += 1000;
    expect(guard.blockedForMs('10.0.0.1')).toBe(0);
  });

  it('answers whether an address is blocked without asking the shared count', () => {
    const limit = countingLimit(2);
    const guard = new AuthFailureGuard(limit);
    for (let n = 0; n < 100; n += 1) guard.blockedForMs('10.0.0.1');
    expect(limit.takes).toBe(0);
  });
});
