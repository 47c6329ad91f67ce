import type { Redis } from 'ioredis';

import {
  InvalidTokenNameError,
  TokenNameTakenError,
  TokenNotFoundError,
} from './token-errors.js';
import { isTokenRole, type TokenRole } from './token-role.js';

/** What `ferry tokens list` shows: never the secret, never its hash. */
export interface TokenRecord {
  readonly name: string;
  readonly role: TokenRole;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601; updated at most about once a minute per web process. */
  readonly lastUsedAt: string | undefined;
}

/** A token as the authenticator sees it. */
export interface StoredToken extends TokenRecord {
  readonly secretHash: string;
}

export interface NewToken {
  readonly name: string;
  readonly role: TokenRole;
  readonly secretHash: string;
  readonly createdAt: Date;
}

const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

// KEYS: name key, hash key, name index. ARGV: hash, name, role, createdAt.
// The existence check and the writes are one step, so two operators
// creating the same name at once cannot both succeed.
const CREATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'name', ARGV[2], 'role', ARGV[3],
  'createdAt', ARGV[4], 'secretHash', ARGV[1])
redis.call('SADD', KEYS[3], ARGV[2])
return 1
`;

// KEYS: name key, hash key, name index. ARGV: the hash read before, name.
// Deletes both records together, and only if the name still points at the
// token that was read.
const REVOKE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[2])
return 1
`;

// KEYS: hash key. ARGV: lastUsedAt. Never recreates a revoked token.
const TOUCH_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[1])
end
return 1
`;

/**
 * API tokens in Redis, under `<prefix>:token:`. A token is found by the
 * SHA-256 of its secret (`hash:<hex>`), and by its unique name
 * (`name:<name>` holding the hash); `index` lists the names.
 */
export class RedisTokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  /** Throws InvalidTokenNameError, TokenNameTakenError. */
  async create(token: NewToken): Promise<void> {
    if (!TOKEN_NAME.test(token.name)) {
      throw new InvalidTokenNameError(token.name);
    }
    const created = await this.redis.eval(
      CREATE_SCRIPT,
      3,
      this.nameKey(token.name),
      this.hashKey(token.secretHash),
      this.indexKey(),
      token.secretHash,
      token.name,
      token.role,
      token.createdAt.toISOString(),
    );
    if (created !== 1) throw new TokenNameTakenError(token.name);
  }

  async findByHash(secretHash: string): Promise<StoredToken | undefined> {
    const fields = await this.redis.hgetall(this.hashKey(secretHash));
    const record = toTokenRecord(fields);
    const stored = fields.secretHash;
    return record && typeof stored === 'string'
      ? { ...record, secretHash: stored }
      : undefined;
  }

  async list(): Promise<TokenRecord[]> {
    const names = (await this.redis.smembers(this.indexKey())).sort();
    if (names.length === 0) return [];
    const hashes = await this.redis.mget(
      ...names.map((name) => this.nameKey(name)),
    );
    const pipeline = this.redis.pipeline();
    for (const hash of hashes) {
      if (hash !== null) pipeline.hgetall(this.hashKey(hash));
    }
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, fields]) => {
      const record = error ? undefined : toTokenRecord(fields);
      return record ? [record] : [];
    });
  }

  /** Throws TokenNotFoundError. */
  async revoke(name: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const hash = await this.redis.get(this.nameKey(name));
      if (hash === null) throw new TokenNotFoundError(name);
      const revoked = await this.redis.eval(
        REVOKE_SCRIPT,
        3,
        this.nameKey(name),
        this.hashKey(hash),
        this.indexKey(),
        hash,
        name,
      );
      if (revoked === 1) return;
    }
    // The name kept moving to new tokens; what it holds now was not revoked.
    throw new TokenNotFoundError(name);
  }

  async touch(secretHash: string, usedAt: Date): Promise<void> {
    await this.redis.eval(
      TOUCH_SCRIPT,
      1,
      this.hashKey(secretHash),
      usedAt.toISOString(),
    );
  }

  private hashKey(secretHash: string): string {
    return `${this.keyPrefix}:token:hash:${secretHash}`;
  }

  private nameKey(name: string): string {
    return `${this.keyPrefix}:token:name:${name}`;
  }

  private indexKey(): string {
    return `${this.keyPrefix}:token:index`;
  }
}

function toTokenRecord(fields: unknown): TokenRecord | undefined {
  if (typeof fields !== 'object' || fields === null) return undefined;
  const { name, role, createdAt, lastUsedAt } = fields as Record<
    string,
    unknown
  >;
  if (typeof name !== 'string' || typeof createdAt !== 'string') {
    return undefined;
  }
  // A role this version does not know grants nothing.
  if (typeof role !== 'string' || !isTokenRole(role)) return undefined;
  return {
    name,
    role,
    createdAt,
    lastUsedAt: typeof lastUsedAt === 'string' ? lastUsedAt : undefined,
  };
}
