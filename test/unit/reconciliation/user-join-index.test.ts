import { describe, expect, it } from 'vitest';

import type { OktaUser } from '../../../src/okta/okta-user.js';
import { UserJoinIndex } from '../../../src/reconciliation/user-join-index.js';
import { storedUser } from '../../support/stored-user-builder.js';

function okta(id: string, login: string): OktaUser {
  return {
    id,
    status: 'ACTIVE',
    lastUpdated: '2025-01-01T00:00:00.000Z',
    profile: { login },
  };
}

describe('UserJoinIndex', () => {
  it('joins by Okta id before externalId and userName', () => {
    const index = new UserJoinIndex();
    index.put(
      storedUser({ userName: 'ada@example.com' }, {}, { id: 'by-name' }),
    );
    index.put(
      storedUser(
        { userName: 'x', externalId: '00u1' },
        {},
        { id: 'by-external' },
      ),
    );
    index.put(
      storedUser({ userName: 'y' }, { oktaId: '00u1' }, { id: 'by-okta-id' }),
    );

    expect(index.find(okta('00u1', 'ada@example.com'))?.id).toBe('by-okta-id');
  });

  it('joins by an externalId equal to the Okta id, then by login case-insensitively', () => {
    const index = new UserJoinIndex();
    index.put(
      storedUser(
        { userName: 'x', externalId: '00u1' },
        {},
        { id: 'by-external' },
      ),
    );
    index.put(
      storedUser({ userName: 'Grace@Example.com' }, {}, { id: 'by-name' }),
    );

    expect(index.find(okta('00u1', 'nobody'))?.id).toBe('by-external');
    expect(index.find(okta('00u2', 'grace@example.COM'))?.id).toBe('by-name');
  });

  it('never joins by userName a user that belongs to another Okta user', () => {
    const index = new UserJoinIndex();
    index.put(
      storedUser({ userName: 'ada@example.com' }, { oktaId: '00uold' }),
    );

    expect(index.find(okta('00unew', 'ada@example.com'))).toBeUndefined();
  });

  it('lets only the first Okta user of a run claim an unlinked user', () => {
    const index = new UserJoinIndex();
    index.put(
      storedUser(
        { userName: 'ada@example.com', externalId: '00u2' },
        {},
        { id: 's1' },
      ),
    );
    index.claim(index.find(okta('00u1', 'ada@example.com'))!.id, '00u1');

    expect(index.find(okta('00u2', 'someone'))).toBeUndefined();
  });

  it('forgets the old userName after a rename is put', () => {
    const index = new UserJoinIndex();
    index.put(storedUser({ userName: 'old@example.com' }, {}, { id: 's1' }));
    index.put(
      storedUser(
        { userName: 'new@example.com' },
        { oktaId: '00u9' },
        { id: 's1', version: 4 },
      ),
    );

    expect(index.find(okta('00u1', 'old@example.com'))).toBeUndefined();
    expect(index.find(okta('00u1', 'new@example.com'))).toBeUndefined();
    expect(index.linkedUsers()).toEqual([
      {
        id: 's1',
        version: 4,
        userName: 'new@example.com',
        active: true,
        oktaId: '00u9',
        externalId: undefined,
      },
    ]);
  });
});
