import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { userStoreKeys } from '../../../src/storage/redis-keys.js';
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

describe('RedisUserRepository indexes', () => {
  it('moves externalId, email and oktaId entries when they change', async () => {
    const { repository } = openStore(testRedis);
    const user = await repository.create(
      userContent(
        'a@example.com',
        {
          externalId: 'ext-old',
          emails: [{ value: 'Old@Example.com', type: 'work' }],
        },
        { oktaId: '00u-old' },
      ),
      SYNC,
    );
    const replaced = await repository.replace(
      user,
      userContent(
        'a@example.com',
        {
          externalId: 'ext-new',
          emails: [{ value: 'new@example.com', type: 'work' }],
        },
        { oktaId: '00u-new' },
      ),
      SYNC,
    );

    const ids = async (attribute: string, value: string) =>
      (
        await repository.list({
          filter: equalTo(attribute, value),
          startIndex: 1,
          count: 10,
        })
      ).users.map((found) => found.id);
    expect(await ids('externalId', 'ext-old')).toEqual([]);
    expect(await ids('externalId', 'ext-new')).toEqual([user.id]);
    expect(await ids('emails.value', 'old@example.com')).toEqual([]);
    expect(await ids('emails.value', 'NEW@example.com')).toEqual([user.id]);
    expect(await repository.getByOktaId('00u-old')).toBeUndefined();
    expect(await repository.getByOktaId('00u-new')).toEqual(replaced);
  });

  it('leaves every index as it was for a replace that changes no indexed value', async () => {
    const { repository, redis, keyPrefix } = openStore(testRedis);
    const keys = userStoreKeys(keyPrefix);
    const indexes = () =>
      Promise.all(
        [
          keys.userNameIndex,
          keys.externalIdIndex,
          keys.emailIndex,
          keys.oktaIdIndex,
        ].map((key) => redis.hgetall(key)),
      );
    const indexed = {
      externalId: 'ext-1',
      emails: [
        { value: 'a@example.com', type: 'work' },
        { value: 'A.Other@example.com', type: 'home' },
      ],
    };
    const user = await repository.create(
      userContent('a@example.com', indexed, { oktaId: '00u-1' }),
      SYNC,
    );
    const before = await indexes();

    await repository.replace(
      user,
      userContent(
        'a@example.com',
        { ...indexed, title: 'Engineer' },
        { oktaId: '00u-1' },
      ),
      SYNC,
    );

    expect(await indexes()).toEqual(before);
    expect(before).toEqual([
      { 'a@example.com': user.id },
      { 'ext-1': user.id },
      { 'a.other@example.com': user.id },
      { '00u-1': user.id },
    ]);
  });

  it('finds users by an email equal to the userName and an oktaId equal to the externalId', async () => {
    const { repository } = openStore(testRedis);
    const user = await repository.create(
      userContent(
        'jo@example.com',
        { externalId: '00u123', emails: [{ value: 'JO@example.com' }] },
        { oktaId: '00u123' },
      ),
      SYNC,
    );

    const page = await repository.list({
      filter: equalTo('emails.value', 'jo@EXAMPLE.com'),
      startIndex: 1,
      count: 10,
    });
    expect(page.users.map((found) => found.id)).toEqual([user.id]);
    expect((await repository.getByOktaId('00u123'))?.id).toBe(user.id);
  });

  it('keeps a shared externalId for the users still holding it', async () => {
    const { repository } = openStore(testRedis);
    const first = await repository.create(
      userContent('a@example.com', { externalId: 'shared' }),
      PUSH,
    );
    const second = await repository.create(
      userContent('b@example.com', { externalId: 'shared' }),
      PUSH,
    );
    const byShared = { filter: equalTo('externalId', 'shared'), startIndex: 1 };

    const both = await repository.list({ ...byShared, count: 10 });
    expect(both.users.map((found) => found.id)).toEqual([first.id, second.id]);
    await repository.delete(first, PUSH);
    const left = await repository.list({ ...byShared, count: 10 });
    expect(left.users.map((found) => found.id)).toEqual([second.id]);
  });
});
