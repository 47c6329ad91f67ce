import { describe, expect, it } from 'vitest';

import { getMember, matchMembers } from '../../../src/scim/json-members.js';
import type { JsonObject } from '../../../src/scim/json.js';
import { ScimError } from '../../../src/scim/scim-error.js';

describe('getMember', () => {
  it('finds an own member whatever the case of its name', () => {
    expect(getMember({ OPERATIONS: [1] }, 'Operations', 'The body')).toEqual([
      1,
    ]);
    expect(getMember({}, 'Operations', 'The body')).toBeUndefined();
  });

  it('never finds inherited members', () => {
    expect(getMember({}, 'constructor', 'The body')).toBeUndefined();
    expect(getMember({}, '__proto__', 'The body')).toBeUndefined();
  });

  it('refuses two members that differ only in case with 400 invalidSyntax', () => {
    expect(() =>
      getMember({ op: 'add', OP: 'remove' }, 'op', 'Operations[0]'),
    ).toThrow(
      new ScimError(
        400,
        'invalidSyntax',
        'Operations[0] has both "op" and "OP"; names are case-insensitive ' +
          '(RFC 7643 §2.1), so send only one of them.',
      ),
    );
  });
});

describe('matchMembers', () => {
  it('pairs each recognised member with its match, in the order of the object', () => {
    const object: JsonObject = JSON.parse(
      '{"b":2,"__proto__":{"x":1},"A":1,"c":3}',
    ) as JsonObject;
    const identify = (key: string) =>
      ['a', 'b'].find((name) => name === key.toLowerCase());
    expect(matchMembers(object, identify, 'The User')).toEqual([
      { match: 'b', key: 'b', value: 2 },
      { match: 'a', key: 'A', value: 1 },
    ]);
  });
});
