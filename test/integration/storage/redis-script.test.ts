import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RedisScript } from '../../../src/storage/redis-script.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

let testRedis: TestRedis;

beforeAll(async () => {
  testRedis = await openTestRedis();
});

afterAll(async () => {
  await testRedis.close();
});

describe('RedisScript', () => {
  it('sends the script in full when the server does not hold it yet', async () => {
    // A script text no server has seen, so the first EVALSHA meets NOSCRIPT.
    const script = new RedisScript(
      `-- ${randomUUID()}\nreturn { KEYS[1], ARGV[1] }`,
      1,
    );
    const key = `${testRedis.keyPrefix}:script`;
    const [loaded] = (await testRedis.redis.script(
      'EXISTS',
      script.sha1,
    )) as number[];
    expect(loaded).toBe(0);

    expect(await script.run(testRedis.redis, [key], ['first'])).toEqual([
      key,
      'first',
    ]);
    expect(await script.run(testRedis.redis, [key], [2])).toEqual([key, '2']);
  });

  it('refuses a call with the wrong number of keys', async () => {
    const script = new RedisScript('return 1', 1);
    await expect(script.run(testRedis.redis, [], [])).rejects.toThrow(
      TypeError,
    );
  });
});
