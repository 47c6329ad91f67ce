import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';

import type { Actor, StoredUser } from '../../../src/storage/stored-user.js';
import type {
  UserContent,
  UserRepository,
} from '../../../src/storage/user-repository.js';
import {
  openSyncHarness,
  PUSH_ACTOR,
  type SyncHarness,
} from '../../support/okta-sync-harness.js';
import { openTestRedis, type TestRedis } from '../../support/test-redis.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

let testRedis: TestRedis;
let h: SyncHarness;

beforeAll(async () => {
  testRedis = await openTestRedis();
});

afterAll(async () => {
  await testRedis.close();
});

beforeEach(async () => {
  h = await openSyncHarness(testRedis);
});

afterEach(async () => {
  await h.close();
});

describe('reconcileOktaUsers', () => {
  it('creates every Okta user with the mapped attributes and its provenance', async () => {
    const [okta] = h.org.seed(3);

    const result = await h.sync();

    expect(result.listing).toEqual({ state: 'complete' });
    expect(result.counts).toMatchObject({
      seen: 3,
      created: 3,
      updated: 0,
      conflicts: 0,
      errors: 0,
    });
    const stored = await h.user('user1@example.com');
    expect(stored.resource).toMatchObject({
      userName: 'user1@example.com',
      name: {
        givenName: 'First1',
        familyName: 'Last1',
        formatted: 'First1 Last1',
      },
      displayName: 'First1 Last1',
      active: true,
      emails: [{ value: 'user1@example.com', type: 'work', primary: true }],
      [ENTERPRISE]: {
        department: 'Department 1',
        employeeNumber: '100001',
        costCenter: 'CC-1',
      },
    });
    expect(stored.provenance).toEqual({
      oktaId: okta!.id,
      oktaLastUpdated: okta!.lastUpdated,
      lastSyncAt: expect.any(String) as string,
    });
  });

  it('writes nothing when run again with nothing changed in Okta', async () => {
    h.org.seed(250);
    h.org.addUser({ login: 'gone@example.com', status: 'DEPROVISIONED' });
    await h.sync();
    const eventsAfterFirst = await h.eventCount();

    const second = await h.sync();

    expect(await h.eventCount()).toBe(eventsAfterFirst);
    expect(second.counts).toMatchObject({
      seen: 251,
      unchanged: 251,
      created: 0,
      updated: 0,
      deactivated: 0,
    });
  });

  it('updates a user Okta changed after its last push, login and email included', async () => {
    const [okta] = h.org.seed(1);
    await h.sync();
    await h.push(await h.user('user1@example.com'), { title: 'Pushed title' });
    h.org.updateUser(
      okta!.id,
      {
        profile: {
          login: 'renamed@example.com',
          email: 'renamed@example.com',
          title: 'Okta title',
        },
      },
      new Date(Date.now() + 1_000),
    );

    const result = await h.sync();

    expect(result.counts.updated).toBe(1);
    const stored = await h.user('renamed@example.com');
    expect(stored.resource).toMatchObject({
      title: 'Okta title',
      emails: [{ value: 'renamed@example.com', type: 'work', primary: true }],
    });
    expect(stored.provenance.lastPushAt).toEqual(expect.any(String));
  });

  it('leaves a user alone when the push is newer than Okta’s change', async () => {
    const [okta] = h.org.seed(1);
    await h.sync();
    h.org.updateUser(
      okta!.id,
      { profile: { title: 'Okta title' } },
      new Date(Date.now() - 1_000),
    );
    const pushed = await h.push(await h.user('user1@example.com'), {
      title: 'Pushed title',
    });

    const result = await h.sync();

    expect(result.counts).toMatchObject({ skippedPushNewer: 1, updated: 0 });
    expect((await h.user('user1@example.com')).version).toBe(pushed.version);
    expect((await h.user('user1@example.com')).resource.title).toBe(
      'Pushed title',
    );
  });

  it('joins a pushed user by userName and links it without changing it', async () => {
    const pushed = await h.repository.create(
      {
        resource: {
          userName: 'USER1@example.com',
          title: 'Pushed',
          active: true,
        },
        provenance: { lastPushAt: new Date().toISOString() },
      },
      PUSH_ACTOR,
    );
    const [okta] = h.org.seed(1);

    const result = await h.sync();

    expect(result.counts).toMatchObject({ created: 0, skippedPushNewer: 1 });
    const linked = await h.repository.getById(pushed.id);
    expect(linked?.resource.title).toBe('Pushed');
    expect(linked?.provenance.oktaId).toBe(okta!.id);
  });

  it('deactivates users Okta deleted or deprovisioned, and keeps them', async () => {
    const [first, second] = h.org.seed(10);
    await h.sync();
    h.org.deleteUser(first!.id);
    h.org.updateUser(
      second!.id,
      { status: 'DEPROVISIONED' },
      new Date(Date.now() + 1_000),
    );

    const result = await h.sync();

    expect(result.counts).toMatchObject({ deactivated: 1, updated: 1 });
    expect((await h.user('user1@example.com')).resource.active).toBe(false);
    expect((await h.user('user2@example.com')).resource.active).toBe(false);
    expect(await h.repository.count()).toBe(10);
  });

  it('never deactivates users a sync has not joined to Okta', async () => {
    h.org.seed(2);
    await h.repository.create(
      {
        resource: { userName: 'entra-only@example.com', active: true },
        provenance: { lastPushAt: new Date().toISOString() },
      },
      PUSH_ACTOR,
    );

    const result = await h.sync();

    expect(result.counts.deactivated).toBe(0);
    expect((await h.user('entra-only@example.com')).resource.active).toBe(true);
  });

  it('deactivates none when more than the allowed share is missing, and says so', async () => {
    const users = h.org.seed(10);
    await h.sync();
    for (const user of users.slice(0, 3)) h.org.deleteUser(user.id);

    const result = await h.sync({ maxDeactivationShare: 0.1 });

    expect(result.counts.deactivated).toBe(0);
    expect(result.messages).toContain(
      'deactivation brake: 3 of 10 (30%) exceeds 10%; none deactivated (SYNC_MAX_DEACTIVATION_SHARE sets the limit)',
    );
    expect((await h.user('user1@example.com')).resource.active).toBe(true);
  });

  it('deactivates nobody when Okta breaks the listing off, but keeps what it listed', async () => {
    const users = h.org.seed(450);
    await h.sync();
    h.org.deleteUser(users[449]!.id);
    h.org.updateUser(
      users[0]!.id,
      { profile: { title: 'Changed' } },
      new Date(Date.now() + 1_000),
    );
    h.org.scriptListFaults({ afterRequests: 1, status: 503, times: 3 });

    const result = await h.sync();

    expect(result.listing.state).toBe('failed');
    expect(result.counts).toMatchObject({
      seen: 200,
      updated: 1,
      deactivated: 0,
    });
    expect(result.messages).toContain(
      'listing did not finish; no users deactivated',
    );
    expect((await h.user('user450@example.com')).resource.active).toBe(true);
  });

  it('recovers from a 429 and a 503 in the middle of the listing', async () => {
    h.org.seed(450);
    h.org.scriptListFaults(
      { afterRequests: 1, status: 429, resetSeconds: 2 },
      { afterRequests: 1, status: 503 },
    );

    const result = await h.sync();

    expect(result.listing.state).toBe('complete');
    expect(result.counts.created).toBe(450);
    expect(h.time.waits).toHaveLength(2);
  });

  it('keeps a push that lands between planning and writing', async () => {
    const [okta] = h.org.seed(1);
    await h.sync();
    h.org.updateUser(
      okta!.id,
      { profile: { title: 'Okta title' } },
      new Date(Date.now() + 1_000),
    );
    let pushed: StoredUser | undefined;
    // Stands in for a SCIM push arriving just before the sync's write.
    const racing = Object.create(h.repository, {
      replace: {
        value: async (current: StoredUser, next: UserContent, actor: Actor) => {
          pushed ??= await h.push(current, { title: 'Pushed meanwhile' });
          return h.repository.replace(current, next, actor);
        },
      },
    }) as UserRepository;

    const result = await h.sync({ repository: racing });

    expect(result.counts).toMatchObject({ conflicts: 1, updated: 0 });
    expect(result.messages).toContain(
      'conflict: user1@example.com: changed by another write during the sync; that write was kept',
    );
    const stored = await h.user('user1@example.com');
    expect(stored.version).toBe(pushed!.version);
    expect(stored.resource.title).toBe('Pushed meanwhile');
  });

  it('reports a login change to a userName another user holds, and leaves the user', async () => {
    const [first] = h.org.seed(2);
    await h.sync();
    h.org.updateUser(
      first!.id,
      { profile: { login: 'user2@example.com' } },
      new Date(Date.now() + 1_000),
    );

    const result = await h.sync();

    expect(result.counts).toMatchObject({ conflicts: 1, updated: 0 });
    expect(result.messages).toEqual([
      `conflict: user1@example.com: Okta user ${first!.id} now has the login user2@example.com, ` +
        `which another user (${(await h.user('user2@example.com')).id}) holds as userName; left unchanged`,
    ]);
    expect((await h.user('user1@example.com')).resource.userName).toBe(
      'user1@example.com',
    );
  });
});
