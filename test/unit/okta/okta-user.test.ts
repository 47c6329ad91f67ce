import { describe, expect, it } from 'vitest';

import { readOktaUser } from '../../../src/okta/okta-user.js';

describe('readOktaUser', () => {
  it('reads the SDK’s Date objects as ISO text and drops empty values', () => {
    const item = {
      id: '00u1',
      status: 'SUSPENDED',
      lastUpdated: new Date('2025-01-02T03:04:05.000Z'),
      profile: {
        login: 'ada@example.com',
        email: 'ada@example.com',
        secondEmail: '',
        title: null,
        nickName: '  ',
      },
    };

    expect(readOktaUser(item)).toEqual({
      id: '00u1',
      status: 'SUSPENDED',
      lastUpdated: '2025-01-02T03:04:05.000Z',
      profile: { login: 'ada@example.com', email: 'ada@example.com' },
    });
  });

  it('refuses an item without id, login, lastUpdated or a known status', () => {
    const valid = {
      id: '00u1',
      status: 'ACTIVE',
      lastUpdated: '2025-01-01T00:00:00Z',
      profile: { login: 'a' },
    };

    expect(readOktaUser({ ...valid, id: undefined })).toBeUndefined();
    expect(readOktaUser({ ...valid, profile: {} })).toBeUndefined();
    expect(readOktaUser({ ...valid, lastUpdated: null })).toBeUndefined();
    expect(readOktaUser({ ...valid, status: 'ARCHIVED' })).toBeUndefined();
    expect(readOktaUser(null)).toBeUndefined();
  });
});
