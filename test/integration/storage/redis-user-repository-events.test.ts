import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { changedAttributes } from '../../../src/audit/changed-attributes.js';
import { ENTERPRISE_USER_SCHEMA } from '../../../src/scim/schema/schema-urns.js';
import { userStoreKeys } from '../../../src/storage/redis-keys.js';
import { RedisUserRepository } from '../../../src/storage/redis-user-repository.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';
import { openStore, PUSH, SYNC, userContent } from './user-store-fixtures.js';

let testRedis: TestRedis;

beforeAll(async () => {
  testRedis = await openTestRedis();
});

afterAll(async () => {
  await testRedis.close();
});

describe('RedisUserRepository audit events', () => {
  it('appends one event per write with its action, actor and changed attributes', async () => {
    const { repository, clock, events } = openStore(testRedis);
    const created = await repository.create(
      userContent('ann@x.com', { name: { givenName: 'Ann' } }),
      PUSH,
    );
    clock.set('2025-01-03T00:00:00.000Z');
    const renamed = await repository.replace(
      created,
      userContent('ann@x.com', {
        name: { givenName: 'Anne', familyName: 'Lee' },
        [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' },
      }),
      SYNC,
    );
    clock.set('2025-01-04T00:00:00.000Z');
    const deactivated = await repository.replace(
      renamed,
      { ...renamed, resource: { ...renamed.resource, active: false } },
      SYNC,
    );
    const reactivated = await repository.replace(
      deactivated,
      { ...deactivated, resource: { ...deactivated.resource, active: true } },
      PUSH,
    );
    clock.set('2025-01-05T00:00:00.000Z');
    await repository.delete(reactivated, PUSH);

    const common = { userId: created.id, userName: 'ann@x.com' };
    expect((await events()).map(({ id: _id, ...event }) => event)).toEqual([
      {
        ...common,
        time: '2025-01-02T03:04:05.000Z',
        actor: 'token:okta-push',
        action: 'created',
        changed: ['active', 'name.givenName', 'userName'],
      },
      {
        ...common,
        time: '2025-01-03T00:00:00.000Z',
        actor: 'sync:run-7',
        action: 'updated',
        changed: [
          'name.familyName',
          'name.givenName',
          `${ENTERPRISE_USER_SCHEMA}:department`,
        ],
      },
      {
        ...common,
        time: '2025-01-04T00:00:00.000Z',
        actor: 'sync:run-7',
        action: 'deactivated',
        changed: ['active'],
      },
      {
        ...common,
        time: '2025-01-04T00:00:00.000Z',
        actor: 'token:okta-push',
        action: 'reactivated',
        changed: ['active'],
      },
      {
        ...common,
        time: '2025-01-05T00:00:00.000Z',
        actor: 'token:okta-push',
        action: 'deleted',
        changed: [
          'active',
          'name.familyName',
          'name.givenName',
          `${ENTERPRISE_USER_SCHEMA}:department`,
          'userName',
        ],
      },
    ]);
  });

  it('records the changed attributes a caller computed, as it would compute them', async () => {
    const replaceIn = async (precompute: boolean) => {
      const { repository, events } = openStore(testRedis);
      const created = await repository.create(
        userContent('ann@x.com', {
          name: { givenName: 'Ann' },
          emails: [{ value: 'ann@x.com' }],
        }),
        PUSH,
      );
      const next = userContent('ann@x.com', {
        name: { givenName: 'Ann', familyName: 'Lee' },
        title: 'Engineer',
        [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' },
      });
      const changed = changedAttributes(created.resource, next.resource);
      await repository.replace(
        created,
        precompute ? { ...next, changed } : next,
        PUSH,
      );
      return (await events()).at(-1)?.changed;
    };

    const expected = [
      'emails',
      'name.familyName',
      'title',
      `${ENTERPRISE_USER_SCHEMA}:department`,
    ];
    expect(await replaceIn(false)).toEqual(expected);
    expect(await replaceIn(true)).toEqual(expected);
  });

  it('appends nothing for a write that fails', async () => {
    const { repository, events } = openStore(testRedis);
    const first = await repository.create(userContent('a@x.com'), PUSH);
    const second = await repository.create(userContent('b@x.com'), PUSH);
    await repository.replace(first, userContent('a@x.com'), PUSH);

    const failures = await Promise.allSettled([
      repository.create(userContent('A@X.COM'), PUSH),
      repository.replace(second, userContent('a@x.com'), PUSH),
      repository.replace(first, userContent('c@x.com'), PUSH),
      repository.delete(first, PUSH),
    ]);
    await repository.delete(second, PUSH);
    await expect(repository.delete(second, PUSH)).rejects.toThrow();

    expect(failures.map((outcome) => outcome.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect((await events()).map((event) => event.action)).toEqual([
      'created',
      'created',
      'updated',
      'deleted',
    ]);
  });

  it('trims the stream to about the retention asked for', async () => {
    const keyPrefix = `${testRedis.keyPrefix}:retention`;
    const repository = new RedisUserRepository({
      redis: testRedis.redis,
      keyPrefix,
      eventRetention: { maxEvents: 10 },
    });
    await Promise.all(
      Array.from({ length: 300 }, (_, n) =>
        repository.create(userContent(`u${n}@x.com`), PUSH),
      ),
    );

    // MAXLEN ~ trims whole stream nodes only, so up to one node more stays.
    const [, nodeSize] = (await testRedis.redis.config(
      'GET',
      'stream-node-max-entries',
    )) as [string, string];
    const length = await testRedis.redis.xlen(userStoreKeys(keyPrefix).events);
    expect(length).toBeGreaterThanOrEqual(10);
    expect(length).toBeLessThanOrEqual(10 + Number(nodeSize));
    expect(length).toBeLessThan(300);
  });
});
