import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { ActiveUsersCensus } from '../../../src/metrics/active-users-census.js';
import type { StoredUser } from '../../../src/storage/stored-user.js';
import { storedUser } from '../../support/stored-user-builder.js';

const logger = pino({ level: 'silent' });
const countedAt = new Date('2025-06-01T12:00:00.000Z');

function directory(batches: StoredUser[][], failAt?: number) {
  let scans = 0;
  return {
    scans: () => scans,
    users: {
      async *scan() {
        scans += 1;
        for (const [index, batch] of batches.entries()) {
          await Promise.resolve();
          if (scans === 1 && index === failAt) throw new Error('redis away');
          yield batch;
        }
      },
    },
  };
}

const active = storedUser({ userName: 'a', active: true });
const unset = storedUser({ userName: 'b' });
const inactive = storedUser({ userName: 'c', active: false });

describe('ActiveUsersCensus', () => {
  it('publishes nothing until a pass has read every batch', async () => {
    const { users } = directory([[active, inactive], [unset]]);
    const census = new ActiveUsersCensus({
      users,
      logger,
      clock: () => countedAt,
    });
    await census.step();
    await census.step();
    expect(census.count).toBeUndefined();
    await census.step();
    expect(census.count).toEqual({ active: 2, countedAt });
  });

  it('starts a new pass after publishing, and counts from zero again', async () => {
    const { users, scans } = directory([[active, unset, inactive]]);
    const census = new ActiveUsersCensus({
      users,
      logger,
      clock: () => countedAt,
    });
    for (let step = 0; step < 4; step += 1) await census.step();
    expect(scans()).toBe(2);
    expect(census.count?.active).toBe(2);
  });

  it('drops a pass that fails and keeps the last published count', async () => {
    const { users } = directory([[active], [inactive], [unset]], 1);
    const census = new ActiveUsersCensus({
      users,
      logger,
      clock: () => countedAt,
    });
    await census.step();
    await census.step();
    expect(census.count).toBeUndefined();
    for (let step = 0; step < 4; step += 1) await census.step();
    expect(census.count).toEqual({ active: 2, countedAt });
  });
});
