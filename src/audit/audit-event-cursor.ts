/** Which end of the trail a page starts from. */
export type AuditEventOrder = 'newest' | 'oldest';

/** Where the next page of a listing starts: after this stream entry. */
export interface AuditEventCursor {
  readonly order: AuditEventOrder;
  /** A stream entry id, `<milliseconds>-<sequence>`. */
  readonly after: string;
}

const STREAM_ID = /^\d{1,20}-\d{1,20}$/;
const ORDER_MARK: Readonly<Record<AuditEventOrder, string>> = {
  newest: 'n',
  oldest: 'o',
};

/**
 * Opaque to clients (base64url), so that what a cursor holds can change
 * without breaking them; it carries the order, since a cursor read in the
 * other direction would skip or repeat events.
 */
export function encodeAuditEventCursor(cursor: AuditEventCursor): string {
  const text = `${ORDER_MARK[cursor.order]}:${cursor.after}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Undefined when the text is not a cursor Ferry issued. */
export function decodeAuditEventCursor(
  text: string,
): AuditEventCursor | undefined {
  if (text.length > 64 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const [mark, after] = Buffer.from(text, 'base64url')
    .toString('utf8')
    .split(':');
  if (after === undefined || !isEntryId(after)) return undefined;
  if (mark === ORDER_MARK.newest) return { order: 'newest', after };
  if (mark === ORDER_MARK.oldest) return { order: 'oldest', after };
  return undefined;
}

const MAX_ID_PART = 2n ** 64n - 1n;

/**
 * Whether a stream entry could have this id: two unsigned 64-bit parts,
 * and neither 0-0 nor the largest id, which Redis never assigns and which
 * as exclusive bounds make it reject the range instead of returning none.
 */
function isEntryId(text: string): boolean {
  if (!STREAM_ID.test(text)) return false;
  const [milliseconds, sequence] = text.split('-').map(BigInt) as [
    bigint,
    bigint,
  ];
  if (milliseconds > MAX_ID_PART || sequence > MAX_ID_PART) return false;
  const isFirst = milliseconds === 0n && sequence === 0n;
  const isLast = milliseconds === MAX_ID_PART && sequence === MAX_ID_PART;
  return !isFirst && !isLast;
}
