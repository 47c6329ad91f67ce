import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ENTERPRISE_USER_SCHEMA,
  USER_SCHEMA,
} from '../../../src/scim/schema/schema-urns.js';
import {
  UserNameTakenError,
  UserNotFoundError,
  VersionConflictError,
} from '../../../src/storage/storage-errors.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';
import {
  equalTo,
  openStore,
  PUSH,
  SYNC,
  userContent,
} from './user-store-fixtures.js';

let testRedis: TestRedis;

beforeAll(async () => {
  testRedis = await openTestRedis();
});

afterAll(async () => {
  await testRedis.close();
});

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('RedisUserRepository create and read', () => {
  it('issues an id, version 1 and meta, and reads the same user back', async () => {
    const { repository } = openStore(testRedis);
    const created = await repository.create(
      userContent(
        'bjensen@example.com',
        { name: { givenName: 'Barbara' } },
        {
          lastPushAt: '2025-01-02T03:04:05.000Z',
        },
      ),
      PUSH,
    );

    expect(created.id).toMatch(UUID);
    expect(created).toEqual({
      id: created.id,
      version: 1,
      resource: {
        schemas: [USER_SCHEMA],
        id: created.id,
        userName: 'bjensen@example.com',
        active: true,
        name: { givenName: 'Barbara' },
        meta: {
          resourceType: 'User',
          created: '2025-01-02T03:04:05.000Z',
          lastModified: '2025-01-02T03:04:05.000Z',
          version: 'W/"1"',
        },
      },
      provenance: { lastPushAt: '2025-01-02T03:04:05.000Z' },
    });
    expect(await repository.getById(created.id)).toEqual(created);
    expect(await repository.getByUserName('BJensen@Example.com')).toEqual(
      created,
    );
  });

  it('lists the enterprise schema exactly when enterprise attributes exist', async () => {
    const { repository } = openStore(testRedis);
    const created = await repository.create(
      userContent('a@example.com', {
        [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' },
      }),
      PUSH,
    );
    const stored = await repository.getById(created.id);
    expect(stored?.resource.schemas).toEqual([
      USER_SCHEMA,
      ENTERPRISE_USER_SCHEMA,
    ]);
    expect(stored?.resource[ENTERPRISE_USER_SCHEMA]).toEqual({
      department: 'Sales',
    });
  });

  it('never stores a password', async () => {
    const { repository } = openStore(testRedis);
    const created = await repository.create(
      userContent('a@example.com', { password: 't1meMa$heen' }),
      PUSH,
    );
    expect(created.resource).not.toHaveProperty('password');
    expect(await repository.getById(created.id)).not.toHaveProperty(
      'resource.password',
    );
  });

  it('answers undefined for an unknown id, userName or oktaId', async () => {
    const { repository } = openStore(testRedis);
    expect(await repository.getById('no-such-id')).toBeUndefined();
    expect(await repository.getByUserName('nobody')).toBeUndefined();
    expect(await repository.getByOktaId('00unobody')).toBeUndefined();
  });
});

describe('RedisUserRepository replace and delete', () => {
  it('raises the version by one, keeps created and stamps lastModified', async () => {
    const { repository, clock } = openStore(testRedis);
    const created = await repository.create(userContent('a@example.com'), PUSH);
    clock.set('2025-02-03T04:05:06.000Z');
    const replaced = await repository.replace(
      created,
      userContent('a@example.com', { displayName: 'Ann' }),
      PUSH,
    );

    expect(replaced.version).toBe(2);
    expect(replaced.resource.meta).toEqual({
      resourceType: 'User',
      created: '2025-01-02T03:04:05.000Z',
      lastModified: '2025-02-03T04:05:06.000Z',
      version: 'W/"2"',
    });
    expect(await repository.getById(created.id)).toEqual(replaced);

    const again = await repository.replace(
      replaced,
      userContent('a@example.com'),
      SYNC,
    );
    expect(again.resource.meta).toMatchObject({ version: 'W/"3"' });
  });

  it('refuses a write planned against an older version', async () => {
    const { repository } = openStore(testRedis);
    const created = await repository.create(userContent('a@example.com'), PUSH);
    const replaced = await repository.replace(
      created,
      userContent('a@example.com', { title: 'CTO' }),
      PUSH,
    );

    const stale = repository.replace(
      created,
      userContent('a@example.com'),
      SYNC,
    );
    await expect(stale).rejects.toThrow(
      new VersionConflictError(created.id, 1, 2),
    );
    await expect(stale).rejects.toMatchObject({
      expectedVersion: 1,
      actualVersion: 2,
    });
    await expect(repository.delete(created, SYNC)).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    expect(await repository.getById(created.id)).toEqual(replaced);
  });

  it('deletes a user, after which it is gone everywhere', async () => {
    const { repository } = openStore(testRedis);
    const created = await repository.create(
      userContent('a@example.com', { externalId: 'ext-1' }),
      PUSH,
    );
    await repository.delete(created, PUSH);

    expect(await repository.getById(created.id)).toBeUndefined();
    expect(await repository.getByUserName('a@example.com')).toBeUndefined();
    expect(await repository.count()).toBe(0);
    const byExternalId = equalTo('externalId', 'ext-1');
    expect(
      await repository.list({ filter: byExternalId, startIndex: 1, count: 10 }),
    ).toEqual({ totalResults: 0, users: [] });
  });

  it('reports a missing user when replacing or deleting a deleted one', async () => {
    const { repository } = openStore(testRedis);
    const created = await repository.create(userContent('a@example.com'), PUSH);
    await repository.delete(created, PUSH);

    await expect(repository.delete(created, PUSH)).rejects.toThrow(
      new UserNotFoundError(created.id),
    );
    await expect(
      repository.replace(created, userContent('a@example.com'), PUSH),
    ).rejects.toBeInstanceOf(UserNotFoundError);
  });
});

describe('RedisUserRepository userName uniqueness', () => {
  it('treats userNames differing only in case as one (RFC 7643 §4.1.1)', async () => {
    const { repository } = openStore(testRedis);
    const holder = await repository.create(userContent('Bob@x.com'), PUSH);

    const second = repository.create(userContent('bob@X.COM'), PUSH);
    await expect(second).rejects.toThrow(
      new UserNameTakenError('bob@X.COM', holder.id),
    );
    await expect(second).rejects.toMatchObject({ holderId: holder.id });
    expect(await repository.count()).toBe(1);
  });

  it('refuses a rename onto a taken userName and keeps the user as it was', async () => {
    const { repository } = openStore(testRedis);
    const first = await repository.create(userContent('a@example.com'), PUSH);
    const second = await repository.create(userContent('b@example.com'), PUSH);

    await expect(
      repository.replace(second, userContent('A@example.com'), PUSH),
    ).rejects.toThrow(new UserNameTakenError('A@example.com', first.id));
    expect(await repository.getById(second.id)).toEqual(second);
    expect((await repository.getByUserName('b@example.com'))?.id).toBe(
      second.id,
    );
  });

  it('frees the old userName on a rename and accepts a change of case', async () => {
    const { repository } = openStore(testRedis);
    const user = await repository.create(userContent('old@example.com'), PUSH);
    const renamed = await repository.replace(
      user,
      userContent('new@example.com'),
      PUSH,
    );
    const recased = await repository.replace(
      renamed,
      userContent('NEW@example.com'),
      PUSH,
    );

    expect(await repository.getByUserName('old@example.com')).toBeUndefined();
    expect(await repository.getByUserName('new@example.com')).toEqual(recased);
    const reuse = await repository.create(userContent('old@example.com'), PUSH);
    expect(reuse.id).not.toBe(user.id);
  });

  it('lets exactly one of 100 concurrent creates of one userName win', async () => {
    const { repository } = openStore(testRedis);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, () =>
        repository.create(userContent('race@example.com'), PUSH),
      ),
    );

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(99);
    expect(lost.every((error) => error instanceof UserNameTakenError)).toBe(
      true,
    );
    expect(await repository.count()).toBe(1);
  });
});
