import { describe, expect, it } from 'vitest';

import { parsePatchPath } from '../../../../src/scim/filter/patch-path-parser.js';
import {
  formatAttributePath,
  resolveAttributePath,
} from '../../../../src/scim/schema/attribute-path.js';
import { notation, scimErrorOf } from './filter-notation.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** `attribute` or `attribute | filter` for compact assertions. */
function parsed(text: string): string {
  const { attribute, valueFilter } = parsePatchPath(text);
  const path = formatAttributePath(attribute);
  return valueFilter ? `${path} | ${notation(valueFilter)}` : path;
}

function errorOf(text: string): {
  scimType: string | undefined;
  detail: string;
} {
  const error = scimErrorOf(() => parsePatchPath(text));
  expect(error.status).toBe(400);
  return { scimType: error.scimType, detail: error.detail };
}

describe('parsePatchPath', () => {
  it.each([
    ['userName', 'userName'],
    ['name.givenName', 'name.givenName'],
    ['emails', 'emails'],
    ['emails[type eq "work"]', 'emails | eq(emails.type, "work")'],
    ['emails[type eq "work"].value', 'emails.value | eq(emails.type, "work")'],
    [
      'addresses[type eq "work"].streetAddress',
      'addresses.streetAddress | eq(addresses.type, "work")',
    ],
    [
      'roles[value eq "2819c223-7f76-453a-919d-413861904646"]',
      'roles | eq(roles.value, "2819c223-7f76-453a-919d-413861904646")',
    ],
    [`${ENTERPRISE}:manager`, `${ENTERPRISE}:manager`],
    [`${ENTERPRISE}:manager.value`, `${ENTERPRISE}:manager.value`],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName',
      'name.familyName',
    ],
    [
      'EMAILS[TYPE EQ "work" and Primary eq TRUE].VALUE',
      'emails.value | and(eq(emails.type, "work"), eq(emails.primary, true))',
    ],
    [
      'emails[value eq "a]b"].display',
      'emails.display | eq(emails.value, "a]b")',
    ],
    ['  title  ', 'title'],
  ])('parses %s', (text, expected) => {
    expect(parsed(text)).toBe(expected);
  });

  it('returns resolved attribute paths and no filter for a plain path', () => {
    expect(parsePatchPath('name.givenName')).toEqual({
      attribute: resolveAttributePath('name.givenName'),
      valueFilter: undefined,
    });
  });

  it('rejects a path longer than 4096 characters as invalidPath', () => {
    expect(errorOf(`emails[value eq "${'a'.repeat(4096)}"]`)).toEqual({
      scimType: 'invalidPath',
      detail: 'The PATCH path is 4115 characters long; the limit is 4096.',
    });
  });

  it('allows 16 nesting levels inside the brackets', () => {
    const group = (levels: number) =>
      `emails[${'('.repeat(levels)}type pr${')'.repeat(levels)}]`;
    expect(parsed(group(15))).toBe('emails | pr(emails.type)');
    expect(errorOf(group(16))).toEqual({
      scimType: 'invalidFilter',
      detail:
        'The filter nests deeper than 16 levels at character 23 (each "(", ' +
        '"[" and "not" adds one); simplify it.',
    });
  });

  it('accepts password, which is written though never stored', () => {
    expect(parsed('password')).toBe('password');
  });

  it.each([
    [
      '',
      'The PATCH path is empty: name an attribute, such as name.givenName, ' +
        'or omit "path" to patch the whole resource.',
    ],
    [
      'nickname.first',
      'The PATCH path "nickname.first" names no User attribute. Use an ' +
        'attribute of the User schema (RFC 7643 §4.1), one of the enterprise ' +
        'extension prefixed with its URN (§4.3), or a sub-attribute such as ' +
        'name.familyName.',
    ],
    [
      'userName[value eq "x"]',
      'The PATCH path filters "userName", which is not a complex attribute: ' +
        'only attributes such as emails or addresses take a value filter ' +
        '"[...]".',
    ],
    [
      'emails.value[value eq "x"]',
      'The PATCH path filters "emails.value", which is not a complex ' +
        'attribute: only attributes such as emails or addresses take a ' +
        'value filter "[...]".',
    ],
    [
      'emails[type eq "work"].label',
      'Unexpected ".label" at character 23 of the PATCH path: after "]" ' +
        'only "." and one sub-attribute of emails may follow (value, ' +
        'display, type, primary).',
    ],
    [
      'emails[type eq "work"].value.x',
      'Unexpected ".value.x" at character 23 of the PATCH path: after "]" ' +
        'only "." and one sub-attribute of emails may follow (value, ' +
        'display, type, primary).',
    ],
    [
      'emails[type eq "work"]value',
      'Unexpected "value" at character 23 of the PATCH path: after "]" ' +
        'only "." and one sub-attribute of emails may follow (value, ' +
        'display, type, primary).',
    ],
  ])('rejects %j as invalidPath', (text, detail) => {
    expect(errorOf(text)).toEqual({ scimType: 'invalidPath', detail });
  });

  // RFC 7644 §3.12, Table 9: invalidFilter covers "PATCH (Path Filter)".
  it.each([
    [
      'emails[type xx "work"]',
      'Expected an operator after "type" at character 13, found "xx". ' +
        'Operators are eq, ne, co, sw, ew, gt, ge, lt, le and pr.',
    ],
    [
      'emails[label eq "work"]',
      '"label" at character 8 is not a sub-attribute of "emails"; inside ' +
        'emails[...] use one of: value, display, type, primary.',
    ],
    [
      'emails[type eq "work"',
      'Expected "]" at character 22, found the end of the text. It would ' +
        'close the "[" at character 7.',
    ],
    [
      'emails[primary gt true]',
      '"emails.primary" at character 8 is a boolean attribute, which "gt" ' +
        'cannot compare (RFC 7644 §3.4.2.2).',
    ],
  ])('rejects the value filter of %j as invalidFilter', (text, detail) => {
    expect(errorOf(text)).toEqual({ scimType: 'invalidFilter', detail });
  });
});
