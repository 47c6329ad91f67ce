import { describe, expect, it } from 'vitest';

import { expandPathlessValue } from '../../../../src/scim/patch/path-less-value.js';
import { formatAttributePath } from '../../../../src/scim/schema/attribute-path.js';
import { ScimError } from '../../../../src/scim/scim-error.js';
import { ENTERPRISE, USER } from './user-fixture.js';

function targets(value: Parameters<typeof expandPathlessValue>[0]) {
  return expandPathlessValue(value).map(({ path, value: member }) => [
    formatAttributePath(path.attribute),
    member,
  ]);
}

describe('expandPathlessValue', () => {
  it('targets attributes, attribute paths and URN-qualified paths in any case', () => {
    expect(
      targets({
        displayName: 'Bjfe',
        'name.givenName': 'Kkom',
        [`${ENTERPRISE}:employeeNumber`]: 'Aklq',
        ACTIVE: 'False',
      }),
    ).toEqual([
      ['displayName', 'Bjfe'],
      ['name.givenName', 'Kkom'],
      [`${ENTERPRISE}:employeeNumber`, 'Aklq'],
      ['active', 'False'],
    ]);
  });

  it('targets the attributes under an extension URN key', () => {
    expect(
      targets({ [ENTERPRISE]: { department: 'Sales', 'manager.value': 'x' } }),
    ).toEqual([
      [`${ENTERPRISE}:department`, 'Sales'],
      [`${ENTERPRISE}:manager.value`, 'x'],
    ]);
  });

  it('unassigns every extension attribute when the extension is null', () => {
    expect(targets({ [ENTERPRISE]: null })).toEqual(
      [
        'employeeNumber',
        'costCenter',
        'organization',
        'division',
        'department',
        'manager',
      ].map((name) => [`${ENTERPRISE}:${name}`, null]),
    );
  });

  it('reads the attributes under the core User URN key', () => {
    expect(targets({ [USER]: { nickName: 'Babs' } })).toEqual([
      ['nickName', 'Babs'],
    ]);
  });

  it('ignores unknown names, schemas, read-only attributes and password', () => {
    const custom =
      'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
    expect(
      targets({
        schemas: [USER],
        id: 'x',
        'meta.created': '2020-01-01T00:00:00Z',
        groups: [],
        [`${ENTERPRISE}:manager.displayName`]: 'John',
        password: 'secret',
        shoeSize: 42,
        [custom]: { tag: '701984' },
        [`${custom}:tag`]: '701984',
        title: 'Tour Guide',
      }),
    ).toEqual([['title', 'Tour Guide']]);
  });

  it('ignores __proto__, constructor and prototype keys', () => {
    const value = JSON.parse(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{}},' +
        '"prototype":{},"title":"Tour Guide"}',
    ) as Parameters<typeof expandPathlessValue>[0];
    expect(targets(value)).toEqual([['title', 'Tour Guide']]);
  });

  it('refuses an extension value that is not an object with 400 invalidValue', () => {
    expect(() => expandPathlessValue({ [ENTERPRISE]: 'Sales' })).toThrow(
      new ScimError(
        400,
        'invalidValue',
        `${ENTERPRISE} must be an object of attributes; got a string.`,
      ),
    );
  });
});
