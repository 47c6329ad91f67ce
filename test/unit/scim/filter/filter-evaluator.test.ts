import { describe, expect, it } from 'vitest';

import {
  compileFilter,
  compileValueFilter,
  matchesFilter,
  matchesValueFilter,
} from '../../../../src/scim/filter/filter-evaluator.js';
import type { FilterExpression } from '../../../../src/scim/filter/filter-expression.js';
import { parseFilter } from '../../../../src/scim/filter/filter-parser.js';
import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
} from '../../../../src/scim/json.js';
import { defineAttribute } from '../../../../src/scim/schema/attribute-definition.js';
import { resolveAttributePath } from '../../../../src/scim/schema/attribute-path.js';
import users from './filter-users.json' with { type: 'json' };

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
// The fixture is checked at run time rather than cast to its type.
const USERS: readonly JsonObject[] = (users as unknown[]).filter(isJsonObject);

/** The userNames of the fixture users the filter matches, in order. */
function matching(filter: string): (JsonValue | undefined)[] {
  const predicate = compileFilter(parseFilter(filter));
  return USERS.filter(predicate).map((user) => user.userName);
}

function pathOf(text: string) {
  const path = resolveAttributePath(text);
  if (!path) throw new Error(`${text} is not a User attribute`);
  return path;
}

describe('compileFilter', () => {
  describe('the example filters of RFC 7644 §3.4.2.2', () => {
    it.each([
      ['userName eq "bjensen"', ['bjensen']],
      ['name.familyName co "O\'Malley"', ['jomalley']],
      ['userName sw "J"', ['jomalley', 'Jsmith']],
      [
        'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
        ['jomalley', 'Jsmith'],
      ],
      ['title pr', ['bjensen']],
      ['meta.lastModified gt "2011-05-13T04:42:34Z"', ['jomalley', 'dee']],
      [
        'meta.lastModified ge "2011-05-13T04:42:34Z"',
        ['bjensen', 'jomalley', 'dee'],
      ],
      ['meta.lastModified lt "2011-05-13T04:42:34Z"', ['Jsmith']],
      ['meta.lastModified le "2011-05-13T04:42:34Z"', ['bjensen', 'Jsmith']],
      ['title pr and userType eq "Employee"', ['bjensen']],
      ['title pr or userType eq "Intern"', ['bjensen', 'jomalley']],
      [`schemas eq "${ENTERPRISE}"`, ['bjensen']],
      [
        'userType eq "Employee" and (emails co "example.com" or ' +
          'emails.value co "example.org")',
        ['bjensen', 'Jsmith'],
      ],
      [
        'userType ne "Employee" and not (emails co "example.com" or ' +
          'emails.value co "example.org")',
        ['dee'],
      ],
      [
        'userType eq "Employee" and (emails.type eq "work")',
        ['bjensen', 'Jsmith'],
      ],
      [
        'userType eq "Employee" and emails[type eq "work" and ' +
          'value co "@example.com"]',
        ['bjensen'],
      ],
      [
        'emails[type eq "work" and value co "@example.com"] or ' +
          'ims[type eq "xmpp" and value co "@foo.com"]',
        ['bjensen', 'jomalley'],
      ],
    ])('%s matches %j', (filter, expected) => {
      expect(matching(filter)).toEqual(expected);
    });
  });

  describe('string comparisons', () => {
    it('ignores case unless the attribute is caseExact', () => {
      expect(matching('userName eq "BJENSEN"')).toEqual(['bjensen']);
      expect(matching('emails.value ew "@Example.COM"')).toEqual([
        'bjensen',
        'jomalley',
        'Jsmith',
      ]);
      expect(matching('externalId eq "om-1"')).toEqual([]);
      expect(matching('externalId eq "OM-1"')).toEqual(['jomalley']);
      expect(matching('id eq "2819C223-7F76-453A-919D-413861904646"')).toEqual(
        [],
      );
      expect(matching('id eq "2819c223-7f76-453a-919d-413861904646"')).toEqual([
        'bjensen',
      ]);
    });

    it('implements co, sw and ew as substring tests', () => {
      expect(matching('name.givenName co "arb"')).toEqual(['bjensen']);
      expect(matching('userName sw "jsm"')).toEqual(['Jsmith']);
      expect(matching('userName ew "EE"')).toEqual(['dee']);
      expect(matching('userName sw "bjensen"')).toEqual(['bjensen']);
    });

    it('orders strings lexicographically after case folding', () => {
      expect(matching('userName gt "dee"')).toEqual(['jomalley', 'Jsmith']);
      expect(matching('userName ge "dee"')).toEqual([
        'jomalley',
        'Jsmith',
        'dee',
      ]);
      expect(matching('userName lt "JOMALLEY"')).toEqual(['bjensen', 'dee']);
      expect(matching('userName le "JOMALLEY"')).toEqual([
        'bjensen',
        'jomalley',
        'dee',
      ]);
    });
  });

  it('compares dateTimes as instants, whatever their zone', () => {
    expect(
      matching('meta.lastModified eq "2011-05-13T06:42:34+02:00"'),
    ).toEqual(['bjensen']);
    expect(matching('meta.lastModified eq "2011-05-13T04:42:34.000Z"')).toEqual(
      ['bjensen'],
    );
    expect(matching('meta.created lt "2011-01-01T00:00:00"')).toEqual([
      'bjensen',
    ]);
  });

  it('compares booleans by value', () => {
    expect(matching('active eq true')).toEqual(['bjensen']);
    expect(matching('active eq "False"')).toEqual(['jomalley']);
  });

  it('finds extension attributes under their schema URN', () => {
    expect(matching(`${ENTERPRISE}:employeeNumber eq "701984"`)).toEqual([
      'bjensen',
    ]);
    expect(
      matching(
        `${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`,
      ),
    ).toEqual(['bjensen']);
    expect(matching(`${ENTERPRISE}:manager[displayName sw "john"]`)).toEqual([
      'bjensen',
    ]);
  });

  describe('pr', () => {
    it('matches attributes with a non-empty value', () => {
      expect(matching('name pr')).toEqual(['bjensen', 'jomalley']);
      expect(matching('ims pr')).toEqual(['bjensen', 'jomalley']);
      expect(matching('addresses.postalCode pr')).toEqual(['bjensen']);
      expect(matching('externalId pr')).toEqual(['bjensen', 'jomalley']);
    });

    it('does not match null, "", [] or an empty object', () => {
      const present = compileFilter(parseFilter('title pr'));
      const complex = compileFilter(parseFilter('name pr'));
      expect(present({ title: null })).toBe(false);
      expect(present({ title: '' })).toBe(false);
      expect(present({})).toBe(false);
      expect(compileFilter(parseFilter('emails pr'))({ emails: [] })).toBe(
        false,
      );
      expect(complex({ name: {} })).toBe(false);
      expect(complex({ name: { givenName: '' } })).toBe(false);
      expect(complex({ name: { givenName: 'Ann' } })).toBe(true);
    });
  });

  describe('ne', () => {
    it('matches an absent attribute, which equals no value', () => {
      expect(matching('title ne "Tour Guide"')).toEqual([
        'jomalley',
        'Jsmith',
        'dee',
      ]);
    });

    it('matches when any value of a multi-valued attribute differs', () => {
      expect(matching('emails.type ne "work"')).toEqual([
        'bjensen',
        'jomalley',
        'Jsmith',
      ]);
    });
  });

  it('treats eq null as absent and ne null as present (RFC 7643 §2.5)', () => {
    expect(matching('title eq null')).toEqual(['jomalley', 'Jsmith', 'dee']);
    expect(matching('title ne null')).toEqual(['bjensen']);
    expect(matching('emails eq null')).toEqual([]);
  });

  it('negates with not', () => {
    expect(matching('not (userType pr)')).toEqual(['dee']);
    expect(matching('not (not (userType pr))')).toEqual([
      'bjensen',
      'jomalley',
      'Jsmith',
    ]);
  });

  describe('value paths', () => {
    it('needs one element to satisfy the whole bracketed filter', () => {
      expect(
        matching('emails[type eq "home" and value ew "example.com"]'),
      ).toEqual(['jomalley', 'Jsmith']);
      expect(
        matching('emails.type eq "work" and emails.value co "@example.com"'),
      ).toEqual(['bjensen', 'jomalley', 'Jsmith']);
      expect(
        matching('emails[type eq "work" and value co "@example.com"]'),
      ).toEqual(['bjensen']);
    });

    it('evaluates not and grouping per element', () => {
      expect(
        matching('emails[type eq "work" and not (value co "example")]'),
      ).toEqual(['jomalley', 'Jsmith', 'dee']);
      expect(
        matching('addresses[type eq "work" and postalCode eq "12345"]'),
      ).toEqual([]);
      expect(
        matching('addresses[type eq "home" and postalCode eq "12345"]'),
      ).toEqual(['bjensen']);
    });

    it('treats a single-valued complex attribute as one element', () => {
      expect(
        matching('name[givenName eq "jim" or familyName eq "jensen"]'),
      ).toEqual(['bjensen', 'jomalley']);
    });
  });

  it('never matches a stored value of another JSON type', () => {
    const predicate = compileFilter(parseFilter('title eq "1"'));
    expect(predicate({ title: 1 })).toBe(false);
    expect(predicate({ title: ['1'] })).toBe(true);
    expect(
      compileFilter(parseFilter('active eq true'))({ active: 'true' }),
    ).toBe(false);
    const extension = compileFilter(
      parseFilter(`${ENTERPRISE}:employeeNumber pr`),
    );
    expect(extension({ [ENTERPRISE]: 'not an object' })).toBe(false);
  });

  it('compares numbers numerically', () => {
    const loginCount = {
      schema: undefined,
      attribute: defineAttribute('loginCount', 'integer'),
      subAttribute: undefined,
    };
    const compare = (operator: 'eq' | 'gt' | 'le' | 'co', value: number) =>
      compileFilter({ kind: 'comparison', path: loginCount, operator, value });
    expect(compare('eq', 10)({ loginCount: 10 })).toBe(true);
    expect(compare('gt', 9.5)({ loginCount: 10 })).toBe(true);
    expect(compare('gt', 1e3)({ loginCount: 10 })).toBe(false);
    expect(compare('le', 10)({ loginCount: 10 })).toBe(true);
    expect(compare('eq', 10)({ loginCount: '10' })).toBe(false);
    expect(compare('co', 1)({ loginCount: 10 })).toBe(false);
  });

  it('evaluates a 20000-term chain without exhausting the stack', () => {
    const text = Array.from({ length: 20_000 }, (_, index) =>
      index === 19_999 ? 'userName eq "dee"' : 'title eq "nobody"',
    ).join(' or ');
    const predicate = compileFilter(parseFilter(text, { maxLength: Infinity }));
    expect(USERS.filter(predicate).map((user) => user.userName)).toEqual([
      'dee',
    ]);
  });
});

describe('compileFilter on hand-built expressions', () => {
  it('compiles a left-deep chain of 100000 terms without recursing', () => {
    const miss: FilterExpression = {
      kind: 'comparison',
      path: pathOf('title'),
      operator: 'eq',
      value: 'nobody',
    };
    let chain: FilterExpression = miss;
    for (let index = 1; index < 100_000; index += 1) {
      chain = { kind: 'or', left: chain, right: miss };
    }
    chain = {
      kind: 'or',
      left: chain,
      right: { kind: 'present', path: pathOf('title') },
    };
    expect(
      USERS.filter(compileFilter(chain)).map((user) => user.userName),
    ).toEqual(['bjensen']);
  });
});

describe('matchesFilter', () => {
  it('evaluates one resource and agrees with the compiled predicate', () => {
    const filter = parseFilter('userName sw "j"');
    const expected = USERS.map(compileFilter(filter));
    expect(USERS.map((user) => matchesFilter(user, filter))).toEqual(expected);
    expect(expected).toEqual([false, true, true, false]);
  });
});

describe('compileValueFilter', () => {
  const filter: FilterExpression = {
    kind: 'and',
    left: {
      kind: 'comparison',
      path: pathOf('emails.type'),
      operator: 'eq',
      value: 'work',
    },
    right: { kind: 'present', path: pathOf('emails.value') },
  };

  it('tests one element of a multi-valued attribute', () => {
    const predicate = compileValueFilter(filter);
    expect(predicate({ type: 'Work', value: 'a@example.com' })).toBe(true);
    expect(predicate({ type: 'home', value: 'a@example.com' })).toBe(false);
    expect(predicate({ type: 'work' })).toBe(false);
  });

  it('never matches an element that is not an object', () => {
    expect(compileValueFilter(filter)('work')).toBe(false);
    expect(matchesValueFilter(null, filter)).toBe(false);
    expect(matchesValueFilter({ type: 'work', value: 'x' }, filter)).toBe(true);
  });
});
