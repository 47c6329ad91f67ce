import { createHash } from 'node:crypto';

import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA1 (EVALSHA), sent in full (EVAL) only when the
 * server does not hold it yet: after a restart, a failover or SCRIPT FLUSH.
 * This is what ioredis's `defineCommand` does, without adding methods to a
 * client the repository shares with others.
 */
export class RedisScript {
  readonly sha1: string;

  constructor(
    readonly lua: string,
    readonly numberOfKeys: number,
  ) {
    this.sha1 = createHash('sha1').update(lua).digest('hex');
  }

  async run(
    redis: Redis,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    if (keys.length !== this.numberOfKeys) {
      throw new TypeError(
        `script expects ${this.numberOfKeys} keys, got ${keys.length}`,
      );
    }
    try {
      return await redis.evalsha(this.sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isNoScriptError(error)) throw error;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}

/**
 * Redis error replies start with an upper-case error code (`NOSCRIPT No
 * matching script`); the code, not the wording after it, is the contract.
 */
function isNoScriptError(error: unknown): boolean {
  return (
    error instanceof Error && error.message.split(' ', 1)[0] === 'NOSCRIPT'
  );
}
