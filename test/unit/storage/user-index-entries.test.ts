import { describe, expect, it } from 'vitest';

import {
  indexChanges,
  indexEntriesOf,
  MissingUserNameError,
} from '../../../src/storage/user-index-entries.js';

describe('indexEntriesOf', () => {
  it('lower-cases userName and emails and keeps externalId and oktaId exact', () => {
    expect(
      indexEntriesOf(
        {
          userName: 'Ann@X.com',
          externalId: 'Ext-1',
          emails: [{ value: 'ANN.LEE@x.com' }, { value: 'ann.lee@X.COM' }],
        },
        { oktaId: '00uAbC' },
      ),
    ).toEqual({
      userNameKey: 'ann@x.com',
      entries: [
        { index: 'externalId', value: 'Ext-1' },
        { index: 'email', value: 'ann.lee@x.com' },
        { index: 'oktaId', value: '00uAbC' },
      ],
    });
  });

  it('leaves out an email equal to the userName and an oktaId equal to the externalId', () => {
    expect(
      indexEntriesOf(
        {
          userName: 'ann@x.com',
          externalId: '00uAbC',
          emails: [{ value: 'Ann@X.com' }],
        },
        { oktaId: '00uAbC' },
      ).entries,
    ).toEqual([{ index: 'externalId', value: '00uAbC' }]);
  });

  it('refuses a resource without a userName', () => {
    expect(() => indexEntriesOf({ externalId: 'x' }, {})).toThrow(
      MissingUserNameError,
    );
  });
});

describe('indexChanges', () => {
  it('removes only what went and adds only what came', () => {
    expect(
      indexChanges(
        [
          { index: 'externalId', value: 'a' },
          { index: 'email', value: 'x@y' },
        ],
        [
          { index: 'email', value: 'x@y' },
          { index: 'oktaId', value: 'a' },
        ],
      ),
    ).toEqual({
      removals: [{ index: 'externalId', value: 'a' }],
      additions: [{ index: 'oktaId', value: 'a' }],
    });
  });
});
