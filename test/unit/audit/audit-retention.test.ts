import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { startAuditRetention } from '../../../src/audit/audit-retention.js';

describe('startAuditRetention', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const logger = pino({ level: 'silent' });
  const now = new Date('2025-06-01T00:00:00.000Z');

  it('trims by age at once and then every interval until stopped', async () => {
    const trimOlderThan = vi.fn(() => Promise.resolve(0));
    const retention = startAuditRetention({
      trail: { trimOlderThan },
      maxAgeDays: 90,
      logger,
      clock: () => now,
      intervalMs: 1000,
    });
    expect(trimOlderThan).toHaveBeenCalledWith(90, now);
    await vi.advanceTimersByTimeAsync(3000);
    expect(trimOlderThan).toHaveBeenCalledTimes(4);
    retention.stop();
    await vi.advanceTimersByTimeAsync(3000);
    expect(trimOlderThan).toHaveBeenCalledTimes(4);
  });

  it('never trims when the age limit is 0', async () => {
    const trimOlderThan = vi.fn(() => Promise.resolve(0));
    startAuditRetention({ trail: { trimOlderThan }, maxAgeDays: 0, logger });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(trimOlderThan).not.toHaveBeenCalled();
  });

  it('keeps going after a trim fails', async () => {
    const trimOlderThan = vi
      .fn<() => Promise<number>>()
      .mockRejectedValueOnce(new Error('redis away'))
      .mockResolvedValue(3);
    const retention = startAuditRetention({
      trail: { trimOlderThan },
      maxAgeDays: 1,
      logger,
      intervalMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(trimOlderThan).toHaveBeenCalledTimes(2);
    retention.stop();
  });
});
