import type { JsonObject } from '../scim/json.js';

export const AUDIT_ACTIONS = [
  'created',
  'updated',
  'deactivated',
  'reactivated',
  'deleted',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One entry of the audit trail, appended in the same atomic step as the
 * write it describes. It names attributes, never their values, so the trail
 * holds no more personal data than a userName.
 */
export interface AuditEvent {
  /** ISO 8601; equals the user's `meta.lastModified` for writes that keep it. */
  readonly time: string;
  /** `token:<token name>` or `sync:<run id>`. */
  readonly actor: string;
  readonly action: AuditAction;
  readonly userId: string;
  readonly userName: string;
  /** Attribute paths, as changed-attributes.ts names them. */
  readonly changed: readonly string[];
}

/** An event as read back from the stream, with the stream entry's id. */
export interface RecordedAuditEvent extends AuditEvent {
  readonly id: string;
}

/**
 * Deactivation is a state, not a deletion (RFC 7643 §4.1.1 `active`), so a
 * replace that flips `active` is reported as such. An absent `active` counts
 * as active.
 */
export function replaceActionOf(
  before: JsonObject,
  after: JsonObject,
): AuditAction {
  const wasActive = before.active !== false;
  const isActive = after.active !== false;
  if (wasActive && !isActive) return 'deactivated';
  if (!wasActive && isActive) return 'reactivated';
  return 'updated';
}

/** Field/value pairs for XADD, in a fixed order. */
export function auditEventFields(event: AuditEvent): string[] {
  return [
    'time',
    event.time,
    'actor',
    event.actor,
    'action',
    event.action,
    'userId',
    event.userId,
    'userName',
    event.userName,
    'changed',
    event.changed.join(','),
  ];
}

/** Reads a stream entry (XRANGE's `[id, fields]`); undefined when malformed. */
export function parseAuditEvent(
  id: string,
  fields: readonly string[],
): RecordedAuditEvent | undefined {
  const values = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) {
    values.set(fields[i] ?? '', fields[i + 1] ?? '');
  }
  const action = values.get('action');
  const time = values.get('time');
  const actor = values.get('actor');
  const userId = values.get('userId');
  const userName = values.get('userName');
  const changed = values.get('changed');
  if (
    !isAuditAction(action) ||
    time === undefined ||
    actor === undefined ||
    userId === undefined ||
    userName === undefined ||
    changed === undefined
  ) {
    return undefined;
  }
  return {
    id,
    time,
    actor,
    action,
    userId,
    userName,
    changed: changed === '' ? [] : changed.split(','),
  };
}

function isAuditAction(value: string | undefined): value is AuditAction {
  return AUDIT_ACTIONS.some((action) => action === value);
}
