import type { Redis } from 'ioredis';

import {
  parseAuditEvent,
  type RecordedAuditEvent,
} from '../../../src/audit/audit-event.js';
import type { FilterExpression } from '../../../src/scim/filter/filter-expression.js';
import type { JsonObject } from '../../../src/scim/json.js';
import {
  resolveAttributePath,
  type AttributePath,
} from '../../../src/scim/schema/attribute-path.js';
import { USER_SCHEMA } from '../../../src/scim/schema/schema-urns.js';
import { userStoreKeys } from '../../../src/storage/redis-keys.js';
import { RedisUserRepository } from '../../../src/storage/redis-user-repository.js';
import type {
  Actor,
  UserProvenance,
} from '../../../src/storage/stored-user.js';
import type { UserContent } from '../../../src/storage/user-repository.js';
import type { TestRedis } from '../../support/test-redis.js';

export const PUSH: Actor = { kind: 'token', name: 'okta-push' };
export const SYNC: Actor = { kind: 'sync', name: 'run-7' };

/** A clock the test moves by hand. */
export class ManualClock {
  private current: Date;

  constructor(start: string) {
    this.current = new Date(start);
  }

  readonly now = (): Date => new Date(this.current);

  set(time: string): void {
    this.current = new Date(time);
  }
}

export interface StoreUnderTest {
  readonly repository: RedisUserRepository;
  readonly redis: Redis;
  readonly keyPrefix: string;
  readonly clock: ManualClock;
  events(): Promise<RecordedAuditEvent[]>;
}

let storesOpened = 0;

/**
 * A repository with keys of its own under the suite's prefix, so that each
 * test starts from an empty store and the suite's close() removes them all.
 */
export function openStore(
  testRedis: TestRedis,
  start = '2025-01-02T03:04:05.000Z',
): StoreUnderTest {
  storesOpened += 1;
  const keyPrefix = `${testRedis.keyPrefix}:store-${storesOpened}`;
  const clock = new ManualClock(start);
  const { redis } = testRedis;
  const repository = new RedisUserRepository({
    redis,
    keyPrefix,
    clock: clock.now,
  });
  const events = async () => {
    const entries = await redis.xrange(
      userStoreKeys(keyPrefix).events,
      '-',
      '+',
    );
    return entries.map(([id, fields]) => {
      const event = parseAuditEvent(id, fields);
      if (!event) throw new Error(`malformed event ${id}`);
      return event;
    });
  };
  return { repository, redis, keyPrefix, clock, events };
}

export function userContent(
  userName: string,
  attributes: JsonObject = {},
  provenance: UserProvenance = {},
): UserContent {
  return {
    resource: { schemas: [USER_SCHEMA], userName, active: true, ...attributes },
    provenance,
  };
}

export function attributePath(text: string): AttributePath {
  const path = resolveAttributePath(text);
  if (!path) throw new Error(`no attribute ${text}`);
  return path;
}

export function equalTo(text: string, value: string): FilterExpression {
  return {
    kind: 'comparison',
    path: attributePath(text),
    operator: 'eq',
    value,
  };
}

/** The same matches as `filter`, but no index can answer it. */
export function unindexed(filter: FilterExpression): FilterExpression {
  return {
    kind: 'not',
    expression: { kind: 'not', expression: filter },
  };
}
