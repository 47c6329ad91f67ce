import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FilterExpression } from '../../../src/scim/filter/filter-expression.js';
import type { StoredUser } from '../../../src/storage/stored-user.js';
import { planUserQuery } from '../../../src/storage/user-query-planner.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';
import {
  attributePath,
  equalTo,
  openStore,
  PUSH,
  unindexed,
  userContent,
} from './user-store-fixtures.js';

let testRedis: TestRedis;

beforeAll(async () => {
  testRedis = await openTestRedis();
});

afterAll(async () => {
  await testRedis.close();
});

const ids = (users: readonly StoredUser[]) => users.map((user) => user.id);

describe('RedisUserRepository list', () => {
  it('counts and lists nothing in an empty store', async () => {
    const { repository } = openStore(testRedis);
    expect(await repository.count()).toBe(0);
    expect(
      await repository.list({ filter: undefined, startIndex: 1, count: 10 }),
    ).toEqual({ totalResults: 0, users: [] });
  });

  it('pages in creation order with a 1-based startIndex (RFC 7644 §3.4.2.4)', async () => {
    const { repository } = openStore(testRedis);
    const created: StoredUser[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      created.push(await repository.create(userContent(`${name}@x.com`), PUSH));
    }
    const page = (startIndex: number, count: number) =>
      repository.list({ filter: undefined, startIndex, count });

    expect(await page(2, 2)).toEqual({
      totalResults: 5,
      users: created.slice(1, 3),
    });
    expect(await page(5, 10)).toEqual({
      totalResults: 5,
      users: created.slice(4),
    });
    expect(await page(7, 10)).toEqual({ totalResults: 5, users: [] });
    expect(await page(1, 0)).toEqual({ totalResults: 5, users: [] });
    expect(await repository.count()).toBe(5);
  });

  it('keeps each user in its place however often it changes', async () => {
    const { repository } = openStore(testRedis);
    const first = await repository.create(userContent('a@x.com'), PUSH);
    const second = await repository.create(userContent('b@x.com'), PUSH);
    const third = await repository.create(userContent('c@x.com'), PUSH);
    await repository.replace(first, userContent('z@x.com'), PUSH);

    const page = await repository.list({
      filter: undefined,
      startIndex: 1,
      count: 10,
    });
    expect(ids(page.users)).toEqual([first.id, second.id, third.id]);
  });

  it('answers a filter the same through an index as through a scan', async () => {
    const { repository } = openStore(testRedis);
    const users: StoredUser[] = [];
    for (let n = 0; n < 6; n += 1) {
      users.push(
        await repository.create(
          userContent(`user${n}@x.com`, {
            externalId: n % 2 === 0 ? 'even' : 'odd',
            emails: [{ value: `shared${n % 3}@x.com`, type: 'work' }],
            active: n !== 4,
          }),
          PUSH,
        ),
      );
    }
    const active: FilterExpression = {
      kind: 'comparison',
      path: attributePath('active'),
      operator: 'eq',
      value: true,
    };
    const filters: FilterExpression[] = [
      equalTo('externalId', 'even'),
      equalTo('emails.value', 'SHARED1@x.com'),
      { kind: 'and', left: equalTo('externalId', 'even'), right: active },
      {
        kind: 'or',
        left: equalTo('userName', 'USER5@x.com'),
        right: equalTo('emails.value', 'shared0@x.com'),
      },
      {
        kind: 'valuePath',
        path: attributePath('emails'),
        filter: equalTo('emails.value', 'shared2@x.com'),
      },
    ];

    const totals: number[] = [];
    for (const filter of filters) {
      expect(planUserQuery(filter).kind).toBe('lookup');
      expect(planUserQuery(unindexed(filter)).kind).toBe('scan');
      const query = { startIndex: 2, count: 2 };
      const viaIndex = await repository.list({ ...query, filter });
      const viaScan = await repository.list({
        ...query,
        filter: unindexed(filter),
      });
      expect(viaIndex).toEqual(viaScan);
      totals.push(viaIndex.totalResults);
    }
    expect(totals).toEqual([3, 2, 2, 3, 2]);
    const evenAndActive = await repository.list({
      filter: filters[2],
      startIndex: 1,
      count: 10,
    });
    expect(ids(evenAndActive.users)).toEqual([users[0]?.id, users[2]?.id]);
  });

  it('counts every match of a scan across many round trips but returns one page', async () => {
    const { repository } = openStore(testRedis);
    const created = await Promise.all(
      Array.from({ length: 1_100 }, (_, n) =>
        repository.create(
          userContent(`u${n}@x.com`, { title: n % 2 === 0 ? 'even' : 'odd' }),
          PUSH,
        ),
      ),
    );
    const page = await repository.list({
      filter: equalTo('title', 'even'),
      startIndex: 250,
      count: 3,
    });

    const all = await repository.list({
      filter: undefined,
      startIndex: 1,
      count: 1_100,
    });
    const evens = all.users.filter((user) => user.resource.title === 'even');
    expect(page.totalResults).toBe(550);
    expect(ids(page.users)).toEqual(ids(evens.slice(249, 252)));
    expect(created).toHaveLength(1_100);
  });
});

describe('RedisUserRepository scan', () => {
  it('walks every user in paging order, batch by batch', async () => {
    const { repository } = openStore(testRedis);
    const created: StoredUser[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      created.push(await repository.create(userContent(`${name}@x.com`), PUSH));
    }
    await repository.delete(created[1] as StoredUser, PUSH);

    const batches: string[][] = [];
    for await (const batch of repository.scan(2)) batches.push(ids(batch));
    expect(batches).toEqual([
      [created[0]?.id, created[2]?.id],
      [created[3]?.id, created[4]?.id],
    ]);
  });

  it('yields nothing for an empty store', async () => {
    const { repository } = openStore(testRedis);
    const batches: unknown[] = [];
    for await (const batch of repository.scan(100)) batches.push(batch);
    expect(batches).toEqual([]);
  });
});
