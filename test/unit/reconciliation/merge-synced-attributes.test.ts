import { describe, expect, it } from 'vitest';

import type { JsonObject } from '../../../src/scim/json.js';
import { mergeSyncedAttributes } from '../../../src/reconciliation/merge-synced-attributes.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('mergeSyncedAttributes', () => {
  it('drops id and meta and keeps attributes Okta does not own', () => {
    const stored = {
      schemas: [CORE],
      id: 'u1',
      userName: 'old',
      externalId: 'x1',
      addresses: [{ type: 'work', locality: 'London' }],
      meta: { resourceType: 'User' },
    };

    expect(
      mergeSyncedAttributes(stored, {
        schemas: [CORE],
        userName: 'new',
        active: true,
      }),
    ).toEqual({
      schemas: [CORE],
      userName: 'new',
      externalId: 'x1',
      addresses: [{ type: 'work', locality: 'London' }],
      active: true,
    });
  });

  it('removes an owned attribute Okta no longer has a value for', () => {
    const stored = {
      schemas: [CORE],
      userName: 'a',
      title: 'Analyst',
      nickName: 'A',
    };

    expect(
      mergeSyncedAttributes(stored, {
        userName: 'a',
        nickName: 'A',
        active: true,
      }),
    ).toEqual({
      schemas: [CORE],
      userName: 'a',
      nickName: 'A',
      active: true,
    });
  });

  it('replaces the owned name parts and keeps the others', () => {
    const stored = {
      userName: 'a',
      name: {
        givenName: 'A',
        middleName: 'B',
        formatted: 'A B C',
        familyName: 'C',
      },
    };
    const synced = {
      userName: 'a',
      name: { givenName: 'Ada', familyName: 'C', formatted: 'Ada C' },
    };

    expect(mergeSyncedAttributes(stored, synced).name).toEqual({
      givenName: 'Ada',
      middleName: 'B',
      familyName: 'C',
      formatted: 'Ada C',
    });
  });

  it('puts Okta’s email first as the only primary and keeps other types', () => {
    const stored: JsonObject = {
      userName: 'a',
      emails: [
        { value: 'old@work.example', type: 'work', primary: true },
        { value: 'ada@home.example', type: 'home', primary: false },
        { value: 'NEW@work.example' },
      ],
    };
    const synced = {
      userName: 'a',
      emails: [{ value: 'new@work.example', type: 'work', primary: true }],
    };

    expect(mergeSyncedAttributes(stored, synced).emails).toEqual([
      { value: 'new@work.example', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ]);
  });

  it('removes the enterprise extension and its schema once nothing is left in it', () => {
    const stored = {
      schemas: [CORE, ENTERPRISE],
      userName: 'a',
      [ENTERPRISE]: { department: 'Engines' },
    };

    expect(mergeSyncedAttributes(stored, { userName: 'a' })).toEqual({
      schemas: [CORE],
      userName: 'a',
    });
  });

  it('keeps enterprise attributes Okta does not own', () => {
    const stored = {
      userName: 'a',
      [ENTERPRISE]: { department: 'Old', custom: 'kept' },
    };
    const synced = {
      userName: 'a',
      [ENTERPRISE]: { department: 'New', manager: { value: 'm1' } },
    };

    const merged = mergeSyncedAttributes(stored, synced);

    expect(merged.schemas).toEqual([CORE, ENTERPRISE]);
    expect(merged[ENTERPRISE]).toEqual({
      department: 'New',
      custom: 'kept',
      manager: { value: 'm1' },
    });
  });
});
