import { describe, expect, it } from 'vitest';

import {
  decodeAuditEventCursor,
  encodeAuditEventCursor,
} from '../../../src/audit/audit-event-cursor.js';

describe('audit event cursors', () => {
  it('round-trip the order and the stream entry id, as base64url', () => {
    const cursor = { order: 'oldest', after: '1740821412345-7' } as const;
    const text = encodeAuditEventCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAuditEventCursor(text)).toEqual(cursor);
    expect(
      decodeAuditEventCursor(
        encodeAuditEventCursor({ order: 'newest', after: '0-1' }),
      ),
    ).toEqual({ order: 'newest', after: '0-1' });
  });

  it.each([
    ['an empty text', ''],
    ['text that is not base64url', 'a+b/c='],
    ['an unknown order mark', Buffer.from('x:1-0').toString('base64url')],
    [
      'an id that is not a stream id',
      Buffer.from('n:1-0;').toString('base64url'),
    ],
    ['a Redis range bound', Buffer.from('n:+').toString('base64url')],
    ['an overlong text', 'A'.repeat(65)],
    ['the id 0-0', Buffer.from('n:0-0').toString('base64url')],
    [
      'an id past 64 bits',
      Buffer.from('o:99999999999999999999-0').toString('base64url'),
    ],
    [
      'the largest id',
      Buffer.from('o:18446744073709551615-18446744073709551615').toString(
        'base64url',
      ),
    ],
  ])('reads %s as no cursor', (_, text) => {
    expect(decodeAuditEventCursor(text)).toBeUndefined();
  });
});
