import { describe, expect, it } from 'vitest';

import type { OktaUser } from '../../../src/okta/okta-user.js';
import { planUserChange } from '../../../src/reconciliation/plan-user-changes.js';
import type { StoredUser } from '../../../src/storage/stored-user.js';
import { storedUser } from '../../support/stored-user-builder.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const NOW = '2025-03-01T12:00:00.000Z';
const OKTA_TIME = '2025-02-01T00:00:00.000Z';

const okta: OktaUser = {
  id: '00uada',
  status: 'ACTIVE',
  lastUpdated: OKTA_TIME,
  profile: {
    login: 'ada@example.com',
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
  },
};

const synced = {
  userName: 'ada@example.com',
  name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
  active: true,
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
};

/** The stored user a write of `next` would produce. */
function afterWrite(
  current: StoredUser,
  change: ReturnType<typeof planUserChange>,
): StoredUser {
  if (change.kind !== 'update' && change.kind !== 'link')
    throw new Error(change.kind);
  return {
    ...current,
    version: current.version + 1,
    resource: {
      ...change.next.resource,
      id: current.id,
      meta: current.resource.meta!,
    },
    provenance: change.next.provenance,
  };
}

describe('planUserChange', () => {
  it('creates an Okta user nobody holds yet, recording where it came from', () => {
    expect(planUserChange(okta, undefined, NOW)).toEqual({
      kind: 'create',
      content: {
        resource: { schemas: [CORE], ...synced },
        provenance: {
          lastSyncAt: NOW,
          oktaId: '00uada',
          oktaLastUpdated: OKTA_TIME,
        },
      },
    });
  });

  it('leaves a joined user alone when its synced attributes already match', () => {
    const stored = storedUser(synced, {
      oktaId: '00uada',
      oktaLastUpdated: OKTA_TIME,
    });

    expect(planUserChange(okta, stored, NOW)).toEqual({
      kind: 'unchanged',
      current: stored,
    });
  });

  it('updates a user Okta changed after its last push, keeping what Okta does not own', () => {
    const stored = storedUser(
      {
        ...synced,
        userName: 'ada.old@example.com',
        externalId: 'ext-1',
        phoneNumbers: [{ value: '+44 1', type: 'work' }],
      },
      { oktaId: '00uada', lastPushAt: '2025-01-15T00:00:00.000Z' },
    );

    expect(planUserChange(okta, stored, NOW)).toEqual({
      kind: 'update',
      current: stored,
      next: {
        resource: {
          schemas: [CORE],
          ...synced,
          externalId: 'ext-1',
          phoneNumbers: [{ value: '+44 1', type: 'work' }],
        },
        provenance: {
          oktaId: '00uada',
          lastPushAt: '2025-01-15T00:00:00.000Z',
          lastSyncAt: NOW,
          oktaLastUpdated: OKTA_TIME,
        },
      },
    });
  });

  it('keeps a push newer than Okta’s last change', () => {
    const stored = storedUser(
      { ...synced, title: 'Countess' },
      { oktaId: '00uada', lastPushAt: '2025-02-01T00:00:00.001Z' },
    );

    expect(planUserChange(okta, stored, NOW)).toEqual({
      kind: 'skippedPushNewer',
      current: stored,
    });
  });

  it('links a user joined by userName without touching a newer push', () => {
    const stored = storedUser(
      { ...synced, title: 'Countess' },
      { lastPushAt: '2025-02-02T00:00:00.000Z' },
    );

    const change = planUserChange(okta, stored, NOW);

    expect(change).toEqual({
      kind: 'link',
      countAs: 'skippedPushNewer',
      current: stored,
      next: {
        resource: { schemas: [CORE], ...synced, title: 'Countess' },
        provenance: {
          lastPushAt: '2025-02-02T00:00:00.000Z',
          lastSyncAt: NOW,
          oktaId: '00uada',
          oktaLastUpdated: OKTA_TIME,
        },
      },
    });
  });

  it('links a matching user joined by externalId and counts it unchanged', () => {
    const stored = storedUser({ ...synced, externalId: '00uada' });

    const change = planUserChange(okta, stored, NOW);

    expect(change.kind).toBe('link');
    expect(change.kind === 'link' && change.countAs).toBe('unchanged');
  });

  it('plans nothing when run again against the result of its own write', () => {
    const stored = storedUser(
      { userName: 'ada@example.com', active: false },
      { oktaId: '00uada' },
    );
    const first = planUserChange(okta, stored, NOW);

    const second = planUserChange(
      okta,
      afterWrite(stored, first),
      '2025-03-01T13:00:00.000Z',
    );

    expect(first.kind).toBe('update');
    expect(second.kind).toBe('unchanged');
  });

  it('propagates a login and email change from Okta', () => {
    const stored = storedUser(synced, { oktaId: '00uada' });
    const renamed: OktaUser = {
      ...okta,
      lastUpdated: '2025-02-03T00:00:00.000Z',
      profile: {
        ...okta.profile,
        login: 'ada.king@example.com',
        email: 'ada.king@example.com',
      },
    };

    const change = planUserChange(renamed, stored, NOW);

    expect(change.kind === 'update' && change.next.resource).toMatchObject({
      userName: 'ada.king@example.com',
      emails: [{ value: 'ada.king@example.com', type: 'work', primary: true }],
    });
  });
});
