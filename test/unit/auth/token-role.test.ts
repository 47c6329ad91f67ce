import { describe, expect, it } from 'vitest';

import { isTokenRole, roleAllows } from '../../../src/auth/token-role.js';

describe('roleAllows', () => {
  it('lets full-access read and write both APIs', () => {
    for (const surface of ['scim', 'admin'] as const) {
      expect(roleAllows('full-access', surface, 'read')).toBe(true);
      expect(roleAllows('full-access', surface, 'write')).toBe(true);
    }
  });

  it('keeps scim tokens to the SCIM API', () => {
    expect(roleAllows('scim', 'scim', 'read')).toBe(true);
    expect(roleAllows('scim', 'scim', 'write')).toBe(true);
    expect(roleAllows('scim', 'admin', 'read')).toBe(false);
    expect(roleAllows('scim', 'admin', 'write')).toBe(false);
  });

  it('lets read-only tokens read both APIs and write neither', () => {
    expect(roleAllows('read-only', 'scim', 'read')).toBe(true);
    expect(roleAllows('read-only', 'admin', 'read')).toBe(true);
    expect(roleAllows('read-only', 'scim', 'write')).toBe(false);
    expect(roleAllows('read-only', 'admin', 'write')).toBe(false);
  });
});

describe('isTokenRole', () => {
  it('accepts exactly the three roles', () => {
    expect(['full-access', 'scim', 'read-only'].every(isTokenRole)).toBe(true);
    expect(isTokenRole('admin')).toBe(false);
    expect(isTokenRole('Full-Access')).toBe(false);
  });
});
