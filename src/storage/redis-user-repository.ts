import { randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';

import {
  replaceActionOf,
  type AuditAction,
  type AuditEvent,
} from '../audit/audit-event.js';
import { changedAttributes } from '../audit/changed-attributes.js';
import type { FilterExpression } from '../scim/filter/filter-expression.js';
import { compileFilter } from '../scim/filter/filter-evaluator.js';
import type { JsonObject } from '../scim/json.js';
import { userStoreKeys, type UserStoreKeys } from './redis-keys.js';
import type { RedisScript } from './redis-script.js';
import {
  findUserByUserName,
  findUsers,
  readUserPage,
  scanUsersAfter,
} from './redis-user-reads.js';
import type { Actor, StoredUser } from './stored-user.js';
import { indexEntriesOf, userNameIndexKey } from './user-index-entries.js';
import { planUserQuery, type UserLookup } from './user-query-planner.js';
import {
  createdOf,
  decodeUserRecord,
  encodeUserRecord,
  storableContent,
  storedUserFromRecord,
  type UserRecord,
} from './user-record.js';
import type {
  UserContent,
  UserListQuery,
  UserPage,
  UserRepository,
} from './user-repository.js';
import {
  CREATE_USER,
  DELETE_USER,
  REPLACE_USER,
} from './user-store-scripts.js';
import {
  actorLabel,
  checkUserWriteReply,
  userWriteArguments,
  userWriteKeys,
  type UserWrite,
} from './user-write-arguments.js';

export interface RedisUserRepositoryOptions {
  /** Ideally with `enableAutoPipelining` (create-redis-client.ts). */
  readonly redis: Redis;
  /** Hash-tagged, e.g. `{ferry}`; every key starts with it (redis-keys.ts). */
  readonly keyPrefix: string;
  /** Source of `meta.created`, `meta.lastModified` and event times. */
  readonly clock?: () => Date;
  /** The events stream is trimmed to about this many entries. */
  readonly eventRetention?: { readonly maxEvents: number };
}

const DEFAULT_MAX_EVENTS = 1_000_000;
/** Records read per round trip by a scan: about 0.5 MB of replies. */
const SCAN_CHUNK_SIZE = 500;

/**
 * The user store on Redis. Each write is one Lua script that checks, writes
 * the record, maintains every index and appends the audit event atomically;
 * each read is one round trip, except list queries that no index answers.
 */
export class RedisUserRepository implements UserRepository {
  private readonly redis: Redis;
  private readonly keys: UserStoreKeys;
  private readonly clock: () => Date;
  private readonly maxEvents: number;

  constructor(options: RedisUserRepositoryOptions) {
    this.redis = options.redis;
    this.keys = userStoreKeys(options.keyPrefix);
    this.clock = options.clock ?? (() => new Date());
    this.maxEvents = options.eventRetention?.maxEvents ?? DEFAULT_MAX_EVENTS;
  }

  async getById(id: string): Promise<StoredUser | undefined> {
    const json = await this.redis.get(this.keys.user(id));
    return json === null ? undefined : decodeUserRecord(id, json);
  }

  /** Case-insensitive, as userName uniqueness is (RFC 7643 §4.1.1). */
  getByUserName(userName: string): Promise<StoredUser | undefined> {
    return findUserByUserName(
      this.redis,
      this.keys,
      userNameIndexKey(userName),
    );
  }

  /** The earliest-created user joined to the Okta user, if any. */
  async getByOktaId(oktaId: string): Promise<StoredUser | undefined> {
    const found = await findUsers(this.redis, this.keys, [
      { kind: 'oktaId', value: oktaId },
    ]);
    return found.find(({ user }) => user.provenance.oktaId === oktaId)?.user;
  }

  /**
   * RFC 7644 §3.4.2.4 paging over the filter's matches in creation order.
   * Indexed filters (user-query-planner.ts) read only their candidates. A
   * filter no index answers reads every user: one round trip per 500 users
   * and every record parsed and matched, for each page asked for, so it
   * costs as much as the directory is large. Such a scan is not a snapshot:
   * users written while it runs may or may not be counted.
   */
  async list(query: UserListQuery): Promise<UserPage> {
    const { filter } = query;
    if (filter === undefined) return readUserPage(this.redis, this.keys, query);
    const plan = planUserQuery(filter);
    if (plan.kind !== 'lookup') return this.listScanned(filter, query);

    const matches = compileFilter(filter);
    const candidates = await this.usersFoundBy(plan.lookups);
    return pageOf(
      candidates.filter((user) => matches(user.resource)),
      query,
    );
  }

  /** In paging order; a single userName or id names at most one user. */
  private async usersFoundBy(
    lookups: readonly UserLookup[],
  ): Promise<StoredUser[]> {
    const [only, ...others] = lookups;
    if (only !== undefined && others.length === 0) {
      if (only.kind === 'userName') {
        const user = await findUserByUserName(
          this.redis,
          this.keys,
          only.value,
        );
        return user === undefined ? [] : [user];
      }
      if (only.kind === 'id') {
        const user = await this.getById(only.value);
        return user === undefined ? [] : [user];
      }
    }
    const found = await findUsers(this.redis, this.keys, lookups);
    return found.map(({ user }) => user);
  }

  /**
   * Every user in paging order, `batchSize` per round trip. Users created
   * during the walk are reached; users deleted during it are skipped
   * without displacing the others.
   */
  async *scan(batchSize: number): AsyncGenerator<readonly StoredUser[]> {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer`);
    }
    let after = '-inf';
    for (;;) {
      const chunk = await scanUsersAfter(
        this.redis,
        this.keys,
        after,
        batchSize,
      );
      const last = chunk.at(-1);
      if (last === undefined) return;
      yield chunk.map(({ user }) => user);
      if (chunk.length < batchSize) return;
      after = `(${last.sequence}`;
    }
  }

  count(): Promise<number> {
    return this.redis.zcard(this.keys.order);
  }

  async create(content: UserContent, actor: Actor): Promise<StoredUser> {
    const now = this.now();
    const { resource, provenance } = storableContent(content);
    const record: UserRecord = {
      version: 1,
      created: now,
      lastModified: now,
      resource,
      provenance,
    };
    const user = storedUserFromRecord(randomUUID(), record);
    const changed = changedAttributes(undefined, user.resource);
    await this.runWrite(CREATE_USER, {
      userId: user.id,
      userName: userNameOf(user.resource),
      expectedVersion: undefined,
      recordJson: encodeUserRecord(record),
      before: undefined,
      after: indexEntriesOf(user.resource, user.provenance),
      maxEvents: this.maxEvents,
      event: this.event(actor, 'created', user, changed, now),
    });
    return user;
  }

  async replace(
    current: StoredUser,
    next: UserContent,
    actor: Actor,
  ): Promise<StoredUser> {
    const now = this.now();
    const { resource, provenance } = storableContent(next);
    const record: UserRecord = {
      version: current.version + 1,
      created: createdOf(current) ?? now,
      lastModified: now,
      resource,
      provenance,
    };
    const user = storedUserFromRecord(current.id, record);
    const action = replaceActionOf(current.resource, user.resource);
    const changed =
      next.changed ?? changedAttributes(current.resource, user.resource);
    const after = indexEntriesOf(user.resource, user.provenance);
    await this.runWrite(REPLACE_USER, {
      userId: user.id,
      userName: userNameOf(user.resource),
      // The version check makes `current` the stored state, so its index
      // entries are exactly the ones to remove; when no indexed value
      // changed they equal the new ones, which userWriteArguments skips.
      expectedVersion: current.version,
      recordJson: encodeUserRecord(record),
      before: keepsIndexEntries(current, user, changed)
        ? after
        : indexEntriesOf(current.resource, current.provenance),
      after,
      maxEvents: this.maxEvents,
      event: this.event(actor, action, user, changed, now),
    });
    return user;
  }

  async delete(current: StoredUser, actor: Actor): Promise<void> {
    const changed = changedAttributes(current.resource, undefined);
    await this.runWrite(DELETE_USER, {
      userId: current.id,
      userName: userNameOf(current.resource),
      expectedVersion: current.version,
      recordJson: undefined,
      before: indexEntriesOf(current.resource, current.provenance),
      after: undefined,
      maxEvents: this.maxEvents,
      event: this.event(actor, 'deleted', current, changed, this.now()),
    });
  }

  private async runWrite(script: RedisScript, write: UserWrite) {
    const keys = userWriteKeys(this.keys, write.userId);
    const reply = await script.run(this.redis, keys, userWriteArguments(write));
    checkUserWriteReply(reply, write);
  }

  private event(
    actor: Actor,
    action: AuditAction,
    user: StoredUser,
    changed: readonly string[],
    time: string,
  ): AuditEvent {
    return {
      time,
      actor: actorLabel(actor),
      action,
      userId: user.id,
      userName: userNameOf(user.resource),
      changed,
    };
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private async listScanned(
    filter: FilterExpression,
    query: UserListQuery,
  ): Promise<UserPage> {
    const matches = compileFilter(filter);
    const skip = query.startIndex - 1;
    const users: StoredUser[] = [];
    let totalResults = 0;
    for await (const batch of this.scan(SCAN_CHUNK_SIZE)) {
      for (const user of batch) {
        if (!matches(user.resource)) continue;
        if (totalResults >= skip && users.length < query.count) {
          users.push(user);
        }
        totalResults += 1;
      }
    }
    return { totalResults, users };
  }
}

// The attributes indexEntriesOf reads, as changedAttributes names them.
const INDEXED_ATTRIBUTES = ['userName', 'externalId', 'emails'];

function keepsIndexEntries(
  current: StoredUser,
  next: StoredUser,
  changed: readonly string[],
): boolean {
  return (
    current.provenance.oktaId === next.provenance.oktaId &&
    !changed.some((name) => INDEXED_ATTRIBUTES.includes(name))
  );
}

function pageOf(
  matches: readonly StoredUser[],
  query: UserListQuery,
): UserPage {
  const first = query.startIndex - 1;
  return {
    totalResults: matches.length,
    users: matches.slice(first, first + query.count),
  };
}

/** Present in every user: indexEntriesOf refuses a resource without it. */
function userNameOf(resource: JsonObject): string {
  return typeof resource.userName === 'string' ? resource.userName : '';
}
