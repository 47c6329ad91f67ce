import { describe, expect, it } from 'vitest';

import {
  DEFAULT_FILTER_LIMITS,
  parseFilter,
  parseValueFilter,
} from '../../../../src/scim/filter/filter-parser.js';
import { resolveAttributePath } from '../../../../src/scim/schema/attribute-path.js';
import { ENTERPRISE_USER_SCHEMA_DEFINITION } from '../../../../src/scim/schema/enterprise-user-schema.js';
import { USER_SCHEMA_DEFINITION } from '../../../../src/scim/schema/user-schema.js';
import { notation, scimErrorOf } from './filter-notation.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

function parsed(text: string): string {
  return notation(parseFilter(text));
}

function invalidFilterDetail(text: string): string {
  const error = scimErrorOf(() => parseFilter(text));
  expect(error.status).toBe(400);
  expect(error.scimType).toBe('invalidFilter');
  return error.detail;
}

describe('parseFilter', () => {
  describe('the example filters of RFC 7644 §3.4.2.2', () => {
    it.each([
      ['userName eq "bjensen"', 'eq(userName, "bjensen")'],
      ['name.familyName co "O\'Malley"', 'co(name.familyName, "O\'Malley")'],
      ['userName sw "J"', 'sw(userName, "J")'],
      [`${CORE}:userName sw "J"`, 'sw(userName, "J")'],
      ['title pr', 'pr(title)'],
      [
        'meta.lastModified gt "2011-05-13T04:42:34Z"',
        'gt(meta.lastModified, "2011-05-13T04:42:34Z")',
      ],
      [
        'meta.lastModified ge "2011-05-13T04:42:34Z"',
        'ge(meta.lastModified, "2011-05-13T04:42:34Z")',
      ],
      [
        'meta.lastModified lt "2011-05-13T04:42:34Z"',
        'lt(meta.lastModified, "2011-05-13T04:42:34Z")',
      ],
      [
        'meta.lastModified le "2011-05-13T04:42:34Z"',
        'le(meta.lastModified, "2011-05-13T04:42:34Z")',
      ],
      [
        'title pr and userType eq "Employee"',
        'and(pr(title), eq(userType, "Employee"))',
      ],
      [
        'title pr or userType eq "Intern"',
        'or(pr(title), eq(userType, "Intern"))',
      ],
      [`schemas eq "${ENTERPRISE}"`, `eq(schemas, "${ENTERPRISE}")`],
      [
        'userType eq "Employee" and (emails co "example.com" or ' +
          'emails.value co "example.org")',
        'and(eq(userType, "Employee"), or(co(emails.value, "example.com"), ' +
          'co(emails.value, "example.org")))',
      ],
      [
        'userType ne "Employee" and not (emails co "example.com" or ' +
          'emails.value co "example.org")',
        'and(ne(userType, "Employee"), not(or(co(emails.value, ' +
          '"example.com"), co(emails.value, "example.org"))))',
      ],
      [
        'userType eq "Employee" and (emails.type eq "work")',
        'and(eq(userType, "Employee"), eq(emails.type, "work"))',
      ],
      [
        'userType eq "Employee" and emails[type eq "work" and ' +
          'value co "@example.com"]',
        'and(eq(userType, "Employee"), emails[and(eq(emails.type, "work"), ' +
          'co(emails.value, "@example.com"))])',
      ],
      [
        'emails[type eq "work" and value co "@example.com"] or ' +
          'ims[type eq "xmpp" and value co "@foo.com"]',
        'or(emails[and(eq(emails.type, "work"), co(emails.value, ' +
          '"@example.com"))], ims[and(eq(ims.type, "xmpp"), ' +
          'co(ims.value, "@foo.com"))])',
      ],
    ])('parses %s', (text, expected) => {
      expect(parsed(text)).toBe(expected);
    });
  });

  it('builds comparisons on resolved, canonical attribute paths', () => {
    expect(parseFilter('UserName Eq "bjensen"')).toEqual({
      kind: 'comparison',
      path: resolveAttributePath('userName'),
      operator: 'eq',
      value: 'bjensen',
    });
    const manager = parseFilter(`${ENTERPRISE}:manager.value eq "26118915"`);
    expect(manager).toMatchObject({
      path: {
        schema: ENTERPRISE_USER_SCHEMA_DEFINITION,
        attribute: { name: 'manager' },
        subAttribute: { name: 'value' },
      },
    });
  });

  it('resolves URN-qualified core, enterprise and common attributes', () => {
    expect(parsed(`${ENTERPRISE}:employeeNumber eq "701984"`)).toBe(
      `eq(${ENTERPRISE}:employeeNumber, "701984")`,
    );
    expect(parsed(`${ENTERPRISE.toUpperCase()}:EMPLOYEENUMBER pr`)).toBe(
      `pr(${ENTERPRISE}:employeeNumber)`,
    );
    expect(parsed(`${CORE}:name.familyName pr`)).toBe('pr(name.familyName)');
    expect(parsed(`${CORE}:id eq "2819c223"`)).toBe('eq(id, "2819c223")');
    expect(parseFilter(`${CORE}:userName pr`)).toMatchObject({
      path: { schema: USER_SCHEMA_DEFINITION },
    });
  });

  describe('precedence and grouping', () => {
    it('binds and tighter than or', () => {
      expect(parsed('title pr or userType pr and nickName pr')).toBe(
        'or(pr(title), and(pr(userType), pr(nickName)))',
      );
      expect(parsed('title pr and userType pr or nickName pr')).toBe(
        'or(and(pr(title), pr(userType)), pr(nickName))',
      );
    });

    it('binds not tighter than and', () => {
      expect(parsed('not (title pr) and userType pr')).toBe(
        'and(not(pr(title)), pr(userType))',
      );
    });

    it('lets parentheses override precedence', () => {
      expect(parsed('(title pr or userType pr) and nickName pr')).toBe(
        'and(or(pr(title), pr(userType)), pr(nickName))',
      );
      expect(parsed('((title pr))')).toBe('pr(title)');
    });

    it('accepts not with or without a space before the parenthesis', () => {
      expect(parsed('not(title pr)')).toBe('not(pr(title))');
      expect(parsed('not  (title pr)')).toBe('not(pr(title))');
    });

    it('pairs the terms of a chain into a balanced tree', () => {
      expect(parsed('title pr and userType pr and nickName pr')).toBe(
        'and(and(pr(title), pr(userType)), pr(nickName))',
      );
      expect(
        parsed('title pr or userType pr or nickName pr or locale pr'),
      ).toBe('or(or(pr(title), pr(userType)), or(pr(nickName), pr(locale)))');
    });
  });

  it('reads keywords, operators, literals and names in any case', () => {
    expect(parsed('USERNAME EQ "x" AND Title PR OR NOT (active Eq TRUE)')).toBe(
      'or(and(eq(userName, "x"), pr(title)), not(eq(active, true)))',
    );
    expect(parsed('title EQ NULL')).toBe('eq(title, null)');
    expect(parsed('EMAILS[TYPE eq "work"]')).toBe(
      'emails[eq(emails.type, "work")]',
    );
  });

  it('decodes JSON string escapes in values', () => {
    const expression = parseFilter(
      String.raw`userName eq "a\"b\\c\/d\u00e9\n\t\b\f\r\ud83d\ude00"`,
    );
    expect(expression).toMatchObject({
      value: 'a"b\\c/d\u00e9\n\t\b\f\r\u{1F600}',
    });
  });

  it('keeps the text of a value exactly, spaces and brackets included', () => {
    expect(parsed('title eq " a ) ] and b "')).toBe(
      'eq(title, " a ) ] and b ")',
    );
  });

  describe('value paths', () => {
    it('resolves inner names as sub-attributes of the outer attribute', () => {
      expect(
        parsed('addresses[type eq "work" and postalCode eq "12345"]'),
      ).toBe(
        'addresses[and(eq(addresses.type, "work"), ' +
          'eq(addresses.postalCode, "12345"))]',
      );
    });

    it('allows grouping and not inside the brackets', () => {
      expect(
        parsed(
          'emails[type eq "work" or (type eq "home" and not (value ew ' +
            '"@example.com"))]',
        ),
      ).toBe(
        'emails[or(eq(emails.type, "work"), and(eq(emails.type, "home"), ' +
          'not(ew(emails.value, "@example.com"))))]',
      );
    });

    it('accepts URN-qualified and single-valued complex attributes', () => {
      expect(parsed(`${ENTERPRISE}:manager[value eq "26118915"]`)).toBe(
        `${ENTERPRISE}:manager[eq(${ENTERPRISE}:manager.value, "26118915")]`,
      );
      expect(parsed('name[givenName sw "Bar"]')).toBe(
        'name[sw(name.givenName, "Bar")]',
      );
    });
  });

  describe('comparisons against attribute definitions', () => {
    it('compares a multi-valued complex attribute through its value', () => {
      expect(parsed('emails co "example.com"')).toBe(
        'co(emails.value, "example.com")',
      );
      expect(parsed('emails eq null')).toBe('eq(emails.value, null)');
      expect(parsed('emails pr')).toBe('pr(emails)');
      expect(parsed('name pr')).toBe('pr(name)');
    });

    it('reads the strings "true" and "false" as booleans', () => {
      expect(parsed('active eq "True"')).toBe('eq(active, true)');
      expect(parsed('active ne "FALSE"')).toBe('ne(active, false)');
    });

    it('lets substring operators treat a dateTime as text', () => {
      expect(parsed('meta.created sw "2011-05"')).toBe(
        'sw(meta.created, "2011-05")',
      );
    });

    it('allows null only with eq and ne', () => {
      expect(parsed('title ne null')).toBe('ne(title, null)');
      expect(invalidFilterDetail('title gt null')).toBe(
        '"title" at character 1: null can only be compared with eq or ne.',
      );
    });

    it.each([
      [
        'active gt true',
        '"active" at character 1 is a boolean attribute, which "gt" ' +
          'cannot compare (RFC 7644 §3.4.2.2).',
      ],
      [
        'active co "tr"',
        '"active" at character 1 is a boolean attribute, which "co" ' +
          'cannot compare (RFC 7644 §3.4.2.2).',
      ],
      [
        'x509Certificates.value le "MIIDQzCCA"',
        '"x509Certificates.value" at character 1 is a binary attribute, ' +
          'which "le" cannot compare (RFC 7644 §3.4.2.2).',
      ],
      [
        'active eq "yes"',
        '"active" at character 1 must be compared with true or false.',
      ],
      [
        'userName eq 42',
        '"userName" at character 1 must be compared with a string in ' +
          'double quotes.',
      ],
      [
        'title eq true',
        '"title" at character 1 must be compared with a string in double ' +
          'quotes.',
      ],
      [
        'meta.lastModified gt "yesterday"',
        '"meta.lastModified" at character 1 must be compared with a ' +
          'dateTime such as "2011-05-13T04:42:34Z".',
      ],
      [
        'name eq "Jensen"',
        '"name" at character 1 is complex: compare one of its ' +
          'sub-attributes, such as name.formatted, or test it with pr.',
      ],
      [
        'addresses co "Hollywood"',
        '"addresses" at character 1 is complex: compare one of its ' +
          'sub-attributes, such as addresses.formatted, or test it with pr.',
      ],
      [
        'password eq "secret"',
        '"password" at character 1 cannot be filtered on: Ferry never ' +
          'stores it.',
      ],
      [
        'meta.LOCATION pr',
        '"meta.location" at character 1 cannot be filtered on: filter on ' +
          '"id" instead.',
      ],
    ])('rejects %s', (text, detail) => {
      expect(invalidFilterDetail(text)).toBe(detail);
    });
  });

  describe('errors', () => {
    it.each([
      [
        '',
        'The filter is empty: write an expression such as ' +
          'userName eq "bjensen".',
      ],
      [
        '   ',
        'The filter is empty: write an expression such as ' +
          'userName eq "bjensen".',
      ],
      [
        'userName eq',
        'Expected a value after "eq" at character 12, found the end of the ' +
          'text. Write a string in double quotes, a number, true, false or ' +
          'null.',
      ],
      [
        'userName eq bjensen',
        'Expected a value after "eq" at character 13, found "bjensen". ' +
          'Write a string in double quotes, a number, true, false or null.',
      ],
      [
        'userName xx "a"',
        'Expected an operator after "userName" at character 10, found ' +
          '"xx". Operators are eq, ne, co, sw, ew, gt, ge, lt, le and pr.',
      ],
      [
        'userName',
        'Expected an operator after "userName" at character 9, found the ' +
          'end of the text. Operators are eq, ne, co, sw, ew, gt, ge, lt, ' +
          'le and pr.',
      ],
      [
        'userName eq "a" title pr',
        'Expected "and", "or" or the end of the filter at character 17, ' +
          'found "title".',
      ],
      [
        'userName eq "a")',
        'Expected "and", "or" or the end of the filter at character 16, ' +
          'found ")".',
      ],
      [
        'userName eq "a" and',
        'Expected an attribute name, "not" or "(" at character 20, found ' +
          'the end of the text.',
      ],
      [
        '(userName eq "a"',
        'Expected ")" at character 17, found the end of the text. It would ' +
          'close the "(" at character 1.',
      ],
      [
        'emails[type eq "work"',
        'Expected "]" at character 22, found the end of the text. It would ' +
          'close the "[" at character 7.',
      ],
      [
        'not title pr',
        'Expected "(" after "not" at character 5, found "title".',
      ],
      [
        'userName eq "abc',
        'Unterminated string starting at character 13: close it with a ' +
          'double quote.',
      ],
      [
        'userName eq "a\\qb"',
        'Invalid escape at character 15: JSON strings allow \\" \\\\ \\/ ' +
          '\\b \\f \\n \\r \\t and \\uXXXX.',
      ],
      ['userName # "a"', 'Unexpected character "#" at character 10.'],
      [
        'frobnicate eq "a"',
        'Unknown attribute "frobnicate" at character 1. Filters name ' +
          'attributes of the User schema (RFC 7643 §4.1), of the enterprise ' +
          'extension with its URN prefix (§4.3), or id, externalId, meta ' +
          'and schemas.',
      ],
      [
        'employeeNumber eq "701984"',
        'Unknown attribute "employeeNumber" at character 1. ' +
          '"employeeNumber" belongs to the enterprise extension: write ' +
          `${ENTERPRISE}:employeeNumber.`,
      ],
      [
        'name.nickname pr',
        '"name" has no sub-attribute "nickname" at character 1: its ' +
          'sub-attributes are formatted, familyName, givenName, middleName, ' +
          'honorificPrefix, honorificSuffix.',
      ],
      [
        'userName.value pr',
        '"userName" has no sub-attribute "value" at character 1: it has no ' +
          'sub-attributes.',
      ],
      [
        'emails[kind eq "work"]',
        '"kind" at character 8 is not a sub-attribute of "emails"; inside ' +
          'emails[...] use one of: value, display, type, primary.',
      ],
      [
        'emails[emails.type eq "work"]',
        '"emails.type" at character 8 is not a sub-attribute of "emails"; ' +
          'inside emails[...] use one of: value, display, type, primary.',
      ],
      [
        'emails[type[value pr]]',
        '"emails.type" at character 8: value filters cannot be nested; a ' +
          'sub-attribute has no sub-attributes of its own (RFC 7643 §2.3.8).',
      ],
      [
        'userName[value pr]',
        '"userName" at character 1 cannot take a value filter "[...]": ' +
          'only complex attributes such as emails or addresses can.',
      ],
      [
        'emails[type eq "work"].value eq "a@example.com"',
        '".value" at character 23: a sub-attribute after "]" is only valid ' +
          'in a PATCH path (RFC 7644 §3.5.2); in a filter, compare the ' +
          'sub-attribute inside the brackets.',
      ],
      [
        `userName eq "a" "${'x'.repeat(50)}"`,
        'Expected "and", "or" or the end of the filter at character 17, ' +
          `found the string "${'x'.repeat(40)}...".`,
      ],
      [
        'emails[]',
        'Expected an attribute name, "not" or "(" at character 8, found "]".',
      ],
    ])('rejects %j', (text, detail) => {
      expect(invalidFilterDetail(text)).toBe(detail);
    });
  });

  describe('limits', () => {
    it('defaults to 4096 characters and 16 nesting levels', () => {
      expect(DEFAULT_FILTER_LIMITS).toEqual({ maxLength: 4096, maxDepth: 16 });
    });

    it('accepts a filter of exactly the maximum length', () => {
      const text = `title eq "${'a'.repeat(4096 - 'title eq ""'.length)}"`;
      expect(text).toHaveLength(4096);
      expect(parseFilter(text)).toMatchObject({ kind: 'comparison' });
    });

    it('rejects a longer filter, saying the limit', () => {
      const text = `title eq "${'a'.repeat(4096)}"`;
      expect(invalidFilterDetail(text)).toBe(
        'The filter is 4107 characters long; the limit is 4096. Shorten it ' +
          'or split the query.',
      );
    });

    it('honours a configured maximum length', () => {
      const error = scimErrorOf(() =>
        parseFilter('title pr', { maxLength: 5 }),
      );
      expect(error.detail).toBe(
        'The filter is 8 characters long; the limit is 5. Shorten it or ' +
          'split the query.',
      );
    });

    it('accepts 16 levels of parentheses and rejects 17', () => {
      const nested = (levels: number) =>
        `${'('.repeat(levels)}title pr${')'.repeat(levels)}`;
      expect(parsed(nested(16))).toBe('pr(title)');
      expect(invalidFilterDetail(nested(17))).toBe(
        'The filter nests deeper than 16 levels at character 17 (each "(", ' +
          '"[" and "not" adds one); simplify it.',
      );
    });

    it('counts not and brackets as levels', () => {
      const nots = `${'not ('.repeat(8)}title pr${')'.repeat(8)}`;
      expect(parsed(nots)).toMatch(/^not\(not\(/);
      const deeper = `${'not ('.repeat(8)}emails[type pr]${')'.repeat(8)}`;
      expect(invalidFilterDetail(deeper)).toBe(
        'The filter nests deeper than 16 levels at character 47 (each "(", ' +
          '"[" and "not" adds one); simplify it.',
      );
    });

    it('honours a configured maximum depth', () => {
      const error = scimErrorOf(() =>
        parseFilter('(title pr)', { maxDepth: 0 }),
      );
      expect(error.detail).toMatch(/^The filter nests deeper than 0 levels/);
    });

    it('rejects 100000 open parentheses without exhausting the stack', () => {
      const hostile = '('.repeat(100_000);
      expect(invalidFilterDetail(hostile)).toBe(
        'The filter is 100000 characters long; the limit is 4096. Shorten ' +
          'it or split the query.',
      );
      const unlimited = { maxLength: Infinity, maxDepth: 1_000_000 };
      const error = scimErrorOf(() => parseFilter(hostile, unlimited));
      expect(error.detail).toBe(
        'The filter nests deeper than 256 levels at character 257 (each ' +
          '"(", "[" and "not" adds one); simplify it.',
      );
    });

    it('parses a chain of 20000 terms into a shallow tree', () => {
      const text = Array.from({ length: 20_000 }, () => 'title pr').join(
        ' or ',
      );
      const expression = parseFilter(text, { maxLength: Infinity });
      let depth = 0;
      for (let node = expression; node.kind === 'or'; node = node.left) {
        depth += 1;
      }
      expect(depth).toBe(15);
    });
  });
});

describe('parseValueFilter', () => {
  it('stops after the closing bracket and reports where', () => {
    const emails = resolveAttributePath('emails');
    if (!emails) throw new Error('emails is in the User schema');
    const text = 'emails[type eq "work"].value';
    const { filter, end } = parseValueFilter(text, 6, emails);
    expect(notation(filter)).toBe('eq(emails.type, "work")');
    expect(text.slice(end)).toBe('.value');
  });
});
