import { describe, expect, it } from 'vitest';

import {
  auditEventFields,
  parseAuditEvent,
  replaceActionOf,
  type AuditEvent,
} from '../../../src/audit/audit-event.js';

describe('replaceActionOf', () => {
  it('tells deactivation and reactivation from other updates', () => {
    expect(replaceActionOf({ active: true }, { active: false })).toBe(
      'deactivated',
    );
    expect(replaceActionOf({ active: false }, { active: true })).toBe(
      'reactivated',
    );
    expect(replaceActionOf({ active: false }, {})).toBe('reactivated');
    expect(replaceActionOf({}, { active: false })).toBe('deactivated');
    expect(replaceActionOf({ active: true }, { active: true })).toBe('updated');
    expect(replaceActionOf({ active: false }, { active: false })).toBe(
      'updated',
    );
  });
});

describe('auditEventFields and parseAuditEvent', () => {
  const event: AuditEvent = {
    time: '2025-01-02T03:04:05.000Z',
    actor: 'sync:run-7',
    action: 'updated',
    userId: 'u-1',
    userName: 'a@x.com',
    changed: ['name.givenName', 'title'],
  };

  it('writes the fields in a fixed order and reads them back', () => {
    const fields = auditEventFields(event);
    expect(fields).toEqual([
      'time',
      '2025-01-02T03:04:05.000Z',
      'actor',
      'sync:run-7',
      'action',
      'updated',
      'userId',
      'u-1',
      'userName',
      'a@x.com',
      'changed',
      'name.givenName,title',
    ]);
    expect(parseAuditEvent('1-0', fields)).toEqual({ id: '1-0', ...event });
  });

  it('reads an empty changed list as no attributes', () => {
    const fields = auditEventFields({ ...event, changed: [] });
    expect(parseAuditEvent('1-0', fields)?.changed).toEqual([]);
  });

  it('refuses an entry with an unknown action or a missing field', () => {
    const fields = auditEventFields(event);
    expect(parseAuditEvent('1-0', fields.slice(0, 10))).toBeUndefined();
    const renamed = fields.map((value) =>
      value === 'updated' ? 'renamed' : value,
    );
    expect(parseAuditEvent('1-0', renamed)).toBeUndefined();
  });
});
