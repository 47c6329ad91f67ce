import type { Redis } from 'ioredis';

import type { RedisScript } from './redis-script.js';
import { USER_STORE_SCRIPTS } from './user-store-scripts.js';

export interface StoreReadiness {
  readonly ready: boolean;
  /** One entry per check: `ok`, or what failed in words. */
  readonly checks: {
    readonly redis: string;
    readonly scripts: string;
  };
}

/**
 * Whether the store can serve now: Redis answers PING within `timeoutMs`,
 * and holds every script of the user store. Scripts a restarted or failed
 * over Redis no longer holds are loaded here, so a process reports ready
 * again without waiting for a write to load them; only a failure to load
 * them reports not ready.
 */
export async function checkStoreReadiness(
  redis: Redis,
  timeoutMs: number,
  scripts: readonly RedisScript[] = USER_STORE_SCRIPTS,
): Promise<StoreReadiness> {
  const pinged = await withinTime(redis.ping(), timeoutMs);
  if (!pinged.ok) {
    return {
      ready: false,
      checks: {
        redis: `no answer to PING: ${pinged.reason}`,
        scripts: 'not checked',
      },
    };
  }
  const loaded = await withinTime(
    loadMissingScripts(redis, scripts),
    timeoutMs,
  );
  return {
    ready: loaded.ok,
    checks: {
      redis: 'ok',
      scripts: loaded.ok ? 'ok' : `scripts not loaded: ${loaded.reason}`,
    },
  };
}

async function loadMissingScripts(
  redis: Redis,
  scripts: readonly RedisScript[],
): Promise<void> {
  const held = (await redis.script(
    'EXISTS',
    ...scripts.map((script) => script.sha1),
  )) as unknown[];
  const missing = scripts.filter((_, index) => Number(held[index]) !== 1);
  await Promise.all(missing.map((script) => redis.script('LOAD', script.lua)));
}

type Outcome = { ok: true } | { ok: false; reason: string };

async function withinTime(
  work: Promise<unknown>,
  timeoutMs: number,
): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `none within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  const done = work.then(
    (): Outcome => ({ ok: true }),
    (error: unknown): Outcome => ({ ok: false, reason: describe(error) }),
  );
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
