import { describe, expect, it } from 'vitest';

import { parseFilter } from '../../../../src/scim/filter/filter-parser.js';
import { parseUserNameEquality } from '../../../../src/scim/filter/user-name-equality.js';

// A parenthesised filter never takes the fast path, so this is the general
// parser's answer for the same expression.
function parsedInFull(text: string) {
  return parseFilter(`(${text})`);
}

describe('parseUserNameEquality', () => {
  it.each([
    'userName eq "bjensen"',
    'username eq "bjensen"',
    'USERNAME EQ "bjensen"',
    'UserName Eq "Bjensen@Example.COM"',
    'userName eq ""',
    'userName eq "with spaces and (brackets) [too]"',
    'userName eq "O\'Malley"',
    'userName eq "café 東京 😀"',
    'userName eq "and or not pr eq"',
  ])('returns what the full parser returns for %s', (text) => {
    const fast = parseUserNameEquality(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(parsedInFull(text));
    expect(parseFilter(text)).toEqual(parsedInFull(text));
  });

  it.each([
    'userName eq "a\\"b"',
    'userName eq "tab\\there"',
    'userName eq "caf\\u00e9"',
    'userName eq "back\\\\slash"',
    ' userName eq "bjensen"',
    'userName eq "bjensen" ',
    'userName  eq "bjensen"',
    'userName\teq "bjensen"',
    'userName ne "bjensen"',
    'userName sw "bjensen"',
    'userName eq "a" or userName eq "b"',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bjensen"',
    'externalId eq "bjensen"',
  ])('leaves %s to the full parser, which parses it alike', (text) => {
    expect(parseUserNameEquality(text)).toBeUndefined();
    expect(parseFilter(text)).toEqual(parsedInFull(text));
  });

  it.each([
    'userName eq "unterminated',
    'userName eq "a"b"',
    'userName eq "raw\ttab"',
    'userName eq bjensen',
    'userNames eq "bjensen"',
  ])('leaves the invalid %s to the full parser', (text) => {
    expect(parseUserNameEquality(text)).toBeUndefined();
    expect(() => parseFilter(text)).toThrow();
  });
});
