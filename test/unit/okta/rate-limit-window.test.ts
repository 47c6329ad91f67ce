import { describe, expect, it } from 'vitest';

import { RateLimitWindow } from '../../../src/okta/rate-limit-window.js';

function headers(values: Record<string, string>) {
  return { get: (name: string) => values[name.toLowerCase()] ?? null };
}

const DATE = 'Wed, 01 Jan 2025 00:00:00 GMT';
const DATE_SECONDS = Date.parse(DATE) / 1000;

describe('RateLimitWindow', () => {
  it('measures the reset against the Date header and adds a second of margin', () => {
    const window = new RateLimitWindow(0.1);
    const now = 5_000;

    const resetAt = window.resetTime(
      headers({ 'x-rate-limit-reset': String(DATE_SECONDS + 30), date: DATE }),
      now,
    );

    expect(resetAt).toBe(now + 31_000);
  });

  it('pauses only once the remaining requests fall to the reserve', () => {
    const window = new RateLimitWindow(0.1);
    const answer = (remaining: number) =>
      headers({
        'x-rate-limit-limit': '600',
        'x-rate-limit-remaining': String(remaining),
        'x-rate-limit-reset': String(DATE_SECONDS + 10),
        date: DATE,
      });

    window.observe(answer(61), 0);
    expect(window.pauseUntil(0)).toBeUndefined();
    window.observe(answer(60), 0);
    expect(window.pauseUntil(0)).toBe(11_000);
    expect(window.pauseUntil(11_000)).toBeUndefined();
  });

  it('does not trust a duplicated reset header', () => {
    const window = new RateLimitWindow(0.1);

    expect(
      window.resetTime(headers({ 'x-rate-limit-reset': '1,2', date: DATE }), 0),
    ).toBeUndefined();
  });
});
