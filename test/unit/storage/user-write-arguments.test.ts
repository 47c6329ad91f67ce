import { describe, expect, it } from 'vitest';

import { indexEntriesOf } from '../../../src/storage/user-index-entries.js';
import {
  userWriteArguments,
  type UserWrite,
} from '../../../src/storage/user-write-arguments.js';

const resource = {
  userName: 'Ann@Example.com',
  externalId: 'ext-1',
  emails: [
    { value: 'ann@example.com', type: 'work' },
    { value: 'ann.lee@example.com', type: 'home' },
  ],
};

const write = (before: UserWrite['before']): UserWrite => ({
  userId: 'id-1',
  userName: 'Ann@Example.com',
  expectedVersion: 3,
  recordJson: '{}',
  before,
  after: entries,
  maxEvents: 100,
  event: {
    time: '2025-01-02T03:04:05.000Z',
    actor: 'token:okta-push',
    action: 'updated',
    userId: 'id-1',
    userName: 'Ann@Example.com',
    changed: ['title'],
  },
});

const entries = indexEntriesOf(resource, { oktaId: '00u-1' });

describe('userWriteArguments', () => {
  it('gives the same arguments for the same entries passed once as for equal entries computed twice', () => {
    const recomputed = indexEntriesOf(resource, { oktaId: '00u-1' });
    expect(userWriteArguments(write(entries))).toEqual(
      userWriteArguments(write(recomputed)),
    );
    expect(userWriteArguments(write(entries)).slice(6, 8)).toEqual(['0', '0']);
  });

  it('lists the entries a replace removes and adds', () => {
    const before = indexEntriesOf(
      { ...resource, externalId: 'ext-0' },
      { oktaId: '00u-1' },
    );
    expect(userWriteArguments(write(before)).slice(0, 12)).toEqual([
      'id-1',
      '3',
      '{}',
      'ann@example.com',
      'ann@example.com',
      '100',
      '1',
      'externalId',
      'ext-0',
      '1',
      'externalId',
      'ext-1',
    ]);
  });
});
