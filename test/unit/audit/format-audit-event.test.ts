import { describe, expect, it } from 'vitest';

import type { RecordedAuditEvent } from '../../../src/audit/audit-event.js';
import {
  formatAuditEvent,
  formatAuditEventJson,
} from '../../../src/audit/format-audit-event.js';

const EVENT: RecordedAuditEvent = {
  id: '1740821412345-0',
  time: '2025-03-01T09:30:12.345Z',
  actor: 'token:okta',
  action: 'updated',
  userId: '2819c223-7f76-453a-919d-413861904646',
  userName: 'ann@example.com',
  changed: ['name.familyName', 'title'],
};

describe('formatAuditEvent', () => {
  it('writes one line with time, action, user, actor and changed attributes', () => {
    expect(formatAuditEvent(EVENT)).toBe(
      '2025-03-01T09:30:12.345Z  updated      ann@example.com  by token:okta' +
        '  changed name.familyName, title  (user ' +
        '2819c223-7f76-453a-919d-413861904646, event 1740821412345-0)',
    );
  });

  it('leaves out "changed" when nothing is listed', () => {
    expect(formatAuditEvent({ ...EVENT, action: 'deleted', changed: [] })).toBe(
      '2025-03-01T09:30:12.345Z  deleted      ann@example.com  by token:okta' +
        '  (user 2819c223-7f76-453a-919d-413861904646, event 1740821412345-0)',
    );
  });
});

describe('formatAuditEventJson', () => {
  it('writes the object GET /api/v1/events returns, on one line', () => {
    const line = formatAuditEventJson(EVENT);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(EVENT);
  });
});
