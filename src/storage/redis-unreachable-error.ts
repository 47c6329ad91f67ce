/** Nothing usable answered at the Redis URL Ferry was given. */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
  readonly code = 'REDIS_UNREACHABLE';

  /** `redisUrl` may hold a password; only its host and port are shown. */
  constructor(redisUrl: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Ferry cannot reach Redis at ${withoutCredentials(redisUrl)} ` +
        `(${reason}). Start Ferry with "npm start", which starts a local ` +
        'Redis, or set REDIS_URL to the Redis Ferry uses.',
      { cause },
    );
  }
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'REDIS_URL';
  }
}
