import { describe, expect, it } from 'vitest';

import {
  ENTERPRISE_USER_SCHEMA,
  USER_SCHEMA,
} from '../../../src/scim/schema/schema-urns.js';
import {
  CorruptUserRecordError,
  decodeUserRecord,
  encodeUserRecord,
  storableResource,
} from '../../../src/storage/user-record.js';

describe('user records', () => {
  const record = {
    version: 12,
    created: '2025-01-01T00:00:00.000Z',
    lastModified: '2025-01-02T00:00:00.000Z',
    resource: {
      userName: 'a@x.com',
      [ENTERPRISE_USER_SCHEMA]: { division: 'R&D' },
    },
    provenance: { oktaId: '00u1' },
  };

  it('puts the version first, where the write scripts read it', () => {
    expect(encodeUserRecord(record)).toMatch(/^\{"version":12,"created":/);
  });

  it('rebuilds id, schemas and meta when decoding', () => {
    expect(decodeUserRecord('id-1', encodeUserRecord(record))).toEqual({
      id: 'id-1',
      version: 12,
      resource: {
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        id: 'id-1',
        userName: 'a@x.com',
        [ENTERPRISE_USER_SCHEMA]: { division: 'R&D' },
        meta: {
          resourceType: 'User',
          created: '2025-01-01T00:00:00.000Z',
          lastModified: '2025-01-02T00:00:00.000Z',
          version: 'W/"12"',
        },
      },
      provenance: { oktaId: '00u1' },
    });
  });

  it('keeps neither derived attributes nor password and groups', () => {
    expect(
      storableResource({
        schemas: [USER_SCHEMA],
        id: 'x',
        meta: { version: 'W/"1"' },
        password: 'secret',
        groups: [],
        userName: 'a',
      }),
    ).toEqual({ userName: 'a' });
  });

  it('refuses JSON that is not a user record', () => {
    expect(() => decodeUserRecord('id-1', '{"version":"1"}')).toThrow(
      new CorruptUserRecordError('id-1'),
    );
  });

  it('refuses a damaged record without quoting any of it', () => {
    const damaged = '{"version":2,"resource":{"userName":"ann.lee@example.com"';
    let thrown: unknown;
    try {
      decodeUserRecord('id-2', damaged);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toEqual(new CorruptUserRecordError('id-2'));
    expect(String((thrown as Error).message)).not.toContain('ann.lee');
  });
});
