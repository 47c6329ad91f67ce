import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  auditEventFields,
  type AuditEvent,
} from '../../../src/audit/audit-event.js';
import { RedisAuditTrail } from '../../../src/audit/redis-audit-trail.js';
import { userStoreKeys } from '../../../src/storage/redis-keys.js';
import {
  deleteKeysUnder,
  openTestRedis,
  type TestRedis,
} from '../../support/test-redis.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function event(userId: string, action: AuditEvent['action']): AuditEvent {
  return {
    time: '2025-01-01T00:00:00.000Z',
    actor: 'token:okta',
    action,
    userId,
    userName: `${userId}@example.com`,
    changed: action === 'updated' ? ['title'] : [],
  };
}

describe('RedisAuditTrail', () => {
  let testRedis: TestRedis;
  let trail: RedisAuditTrail;
  let key: string;

  beforeAll(async () => {
    testRedis = await openTestRedis();
    trail = new RedisAuditTrail(testRedis.redis, testRedis.keyPrefix);
    key = userStoreKeys(testRedis.keyPrefix).events;
  });
  beforeEach(() => deleteKeysUnder(testRedis.redis, testRedis.keyPrefix));
  afterAll(() => testRedis.close());

  async function append(id: string, recorded: AuditEvent): Promise<void> {
    await testRedis.redis.xadd(key, id, ...auditEventFields(recorded));
  }

  it('answers an empty page with no continuation when there are no events', async () => {
    const page = await trail.page({
      order: 'newest',
      after: undefined,
      limit: 10,
    });
    expect(page).toEqual({ events: [], continueAfter: undefined });
  });

  it('skips entries that are not audit events', async () => {
    await append('1-0', event('a', 'created'));
    await testRedis.redis.xadd(key, '2-0', 'something', 'else');
    await append('3-0', event('b', 'created'));
    const page = await trail.page({
      order: 'oldest',
      after: undefined,
      limit: 10,
    });
    expect(page.events.map((recorded) => recorded.id)).toEqual(['1-0', '3-0']);
    expect(page.continueAfter).toBeUndefined();
  });

  it('ends a filtered page after 10000 entries read and says where to go on', async () => {
    await append('1-0', event('wanted', 'created'));
    const pipeline = testRedis.redis.pipeline();
    for (let n = 2; n <= 10_501; n += 1) {
      pipeline.xadd(
        key,
        `${n}-0`,
        ...auditEventFields(event('other', 'updated')),
      );
    }
    await pipeline.exec();
    await append('10502-0', event('wanted', 'updated'));

    const query = { order: 'oldest', limit: 10, userId: 'wanted' } as const;
    const first = await trail.page({ ...query, after: undefined });
    expect(first.events.map((recorded) => recorded.id)).toEqual(['1-0']);
    expect(first.continueAfter).toBe('10000-0');
    const second = await trail.page({ ...query, after: first.continueAfter });
    expect(second.events.map((recorded) => recorded.id)).toEqual(['10502-0']);
    expect(second.continueAfter).toBeUndefined();
  });

  it('trims events older than the age limit and keeps the rest', async () => {
    const now = new Date('2025-06-01T00:00:00.000Z');
    const old = now.getTime() - 31 * DAY_MS;
    const recent = now.getTime() - 29 * DAY_MS;
    await append(`${old}-0`, event('a', 'created'));
    await append(`${old}-1`, event('a', 'updated'));
    await append(`${recent}-0`, event('b', 'created'));

    expect(await trail.trimOlderThan(30, now)).toBe(2);
    const left = await testRedis.redis.xrange(key, '-', '+');
    expect(left.map(([id]) => id)).toEqual([`${recent}-0`]);
    expect(await trail.trimOlderThan(30, now)).toBe(0);
  });
});
