import type { Redis } from 'ioredis';

import type { Logger } from '../logging/create-logger.js';

/** Redis is set up in a way that would lose or corrupt Ferry's data. */
export class UnsafeRedisSettingsError extends Error {
  override readonly name = 'UnsafeRedisSettingsError';
  readonly code = 'UNSAFE_REDIS_SETTINGS';

  constructor(readonly problems: readonly string[]) {
    super(problems.join(' '));
  }
}

export interface RedisSettingsReport {
  readonly version: string;
  /** Reasons to refuse to start. */
  readonly problems: readonly string[];
  /** Worth an operator's attention, but safe to run with. */
  readonly warnings: readonly string[];
}

const MINIMUM_VERSION = [6, 2] as const;

/**
 * Reads the Redis settings Ferry depends on. Uses INFO, which managed
 * services allow, and CONFIG GET only for the snapshot schedule, which some
 * of them forbid.
 */
export async function checkRedisSettings(
  redis: Redis,
  options: { allowEviction: boolean },
): Promise<RedisSettingsReport> {
  const info = parseInfo(await redis.info());
  const version = info.get('redis_version') ?? 'unknown';
  const problems: string[] = [];
  const warnings: string[] = [];

  if (!isAtLeast(version, MINIMUM_VERSION)) {
    problems.push(
      `Redis ${version} is too old: Ferry needs 6.2 or later. Upgrade Redis.`,
    );
  }

  const policy = info.get('maxmemory_policy') ?? 'unknown';
  if (policy !== 'noeviction') {
    const message =
      `Redis maxmemory-policy is ${policy}; eviction silently deletes ` +
      'users. Set it to noeviction (CONFIG SET maxmemory-policy noeviction, ' +
      'and in redis.conf)';
    if (options.allowEviction) {
      warnings.push(`${message}. Starting anyway: FERRY_ALLOW_EVICTION=true.`);
    } else {
      problems.push(
        `${message}, or set FERRY_ALLOW_EVICTION=true to start anyway.`,
      );
    }
  }

  const persistence = await describePersistence(redis, info);
  if (persistence) warnings.push(persistence);
  return { version, problems, warnings };
}

/**
 * What both processes do at start: log each warning, and throw
 * UnsafeRedisSettingsError when Redis would lose or corrupt data. BullMQ and
 * the store both depend on it.
 */
export async function requireSafeRedisSettings(
  redis: Redis,
  options: { allowEviction: boolean },
  logger: Logger,
): Promise<void> {
  const report = await checkRedisSettings(redis, options);
  for (const warning of report.warnings) {
    logger.warn({ warning }, 'redis setting found risky');
  }
  if (report.problems.length > 0) {
    throw new UnsafeRedisSettingsError(report.problems);
  }
}

async function describePersistence(
  redis: Redis,
  info: Map<string, string>,
): Promise<string | undefined> {
  if (info.get('aof_enabled') === '1') return undefined;
  let snapshots: string | undefined;
  try {
    const reply = await redis.config('GET', 'save');
    snapshots = reply[1];
  } catch {
    return (
      'Redis append-only file is off and the snapshot schedule cannot be ' +
      'read; unless your provider persists data, a Redis restart loses ' +
      'every user. Turn on appendonly yes.'
    );
  }
  if (snapshots) {
    return (
      'Redis persists by snapshots only; a crash loses the writes since ' +
      'the last one. Turn on appendonly yes (appendfsync everysec).'
    );
  }
  return (
    'Redis persistence is off (no append-only file, no snapshots): a Redis ' +
    'restart loses every user. Turn on appendonly yes.'
  );
}

function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const separator = line.indexOf(':');
    if (separator > 0 && !line.startsWith('#')) {
      fields.set(line.slice(0, separator), line.slice(separator + 1).trim());
    }
  }
  return fields;
}

function isAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split('.').map(Number);
  for (const [index, wanted] of minimum.entries()) {
    const actual = parts[index] ?? 0;
    if (Number.isNaN(actual)) return false;
    if (actual !== wanted) return actual > wanted;
  }
  return true;
}
