import type { OktaConfig } from '../../src/config/app-config.js';
import { OktaDirectory } from '../../src/okta/okta-directory.js';
import {
  reconcileOktaUsers,
  type ReconcileResult,
} from '../../src/reconciliation/reconcile-okta-users.js';
import type { JsonObject } from '../../src/scim/json.js';
import { RedisUserRepository } from '../../src/storage/redis-user-repository.js';
import type { Actor, StoredUser } from '../../src/storage/stored-user.js';
import type { UserRepository } from '../../src/storage/user-repository.js';
import { FakeOktaOrg, type FakeOktaOrgOptions } from './fake-okta-org.js';
import type { TestRedis } from './test-redis.js';
import { virtualTime, type VirtualTime } from './virtual-time.js';

export const PUSH_ACTOR: Actor = { kind: 'token', name: 'okta-scim' };

export interface SyncHarness {
  readonly org: FakeOktaOrg;
  readonly repository: RedisUserRepository;
  readonly keyPrefix: string;
  readonly time: VirtualTime;
  readonly okta: OktaConfig;
  /** One run against the fake org, as the processor would make it. */
  sync(options?: {
    maxDeactivationShare?: number;
    repository?: UserRepository;
    okta?: Partial<OktaConfig>;
  }): Promise<ReconcileResult>;
  /** A SCIM push of the stored user with attributes changed, as Okta does. */
  push(user: StoredUser, changes: JsonObject): Promise<StoredUser>;
  user(userName: string): Promise<StoredUser>;
  /** Audit events written so far: one per write. */
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

let opened = 0;

/**
 * A fake Okta org and an empty user store of its own (under the suite's
 * key prefix), with the real SDK and real Redis between them.
 */
export async function openSyncHarness(
  testRedis: TestRedis,
  orgOptions: FakeOktaOrgOptions = {},
): Promise<SyncHarness> {
  opened += 1;
  const keyPrefix = `${testRedis.keyPrefix}:sync-${opened}`;
  const org = await FakeOktaOrg.start(orgOptions);
  const repository = new RedisUserRepository({
    redis: testRedis.redis,
    keyPrefix,
  });
  const time = virtualTime();
  const okta: OktaConfig = {
    orgUrl: org.url,
    credentials: { kind: 'apiToken', token: org.apiToken },
    userSearch: undefined,
  };

  return {
    org,
    repository,
    keyPrefix,
    time,
    okta,
    sync: (options = {}) => {
      const directory = new OktaDirectory({
        config: { ...okta, ...options.okta },
        pacing: {
          clock: time.clock,
          sleep: time.sleep,
          backoffBaseMs: 10,
          maxAttempts: 3,
        },
      });
      return reconcileOktaUsers(directory.listAllUsers(), {
        repository: options.repository ?? repository,
        actor: { kind: 'sync', name: 'test-run' },
        maxDeactivationShare: options.maxDeactivationShare ?? 1,
      });
    },
    push: (user, changes) =>
      repository.replace(
        user,
        {
          resource: { ...user.resource, ...changes },
          provenance: {
            ...user.provenance,
            lastPushAt: new Date().toISOString(),
          },
        },
        PUSH_ACTOR,
      ),
    user: async (userName) => {
      const found = await repository.getByUserName(userName);
      if (!found) throw new Error(`no stored user ${userName}`);
      return found;
    },
    eventCount: () => testRedis.redis.xlen(`${keyPrefix}:events`),
    close: () => org.close(),
  };
}
