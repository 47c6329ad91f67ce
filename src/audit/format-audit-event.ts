import type { RecordedAuditEvent } from './audit-event.js';

/**
 * One line a person reads in a terminal:
 *
 *   2025-03-01T09:30:12.345Z  deactivated  ann@example.com  by token:okta
 *     changed active  (user 2819c223-…, event 1740821412345-0)
 */
export function formatAuditEvent(event: RecordedAuditEvent): string {
  const changed =
    event.changed.length === 0 ? '' : `  changed ${event.changed.join(', ')}`;
  return (
    `${event.time}  ${event.action.padEnd(11)}  ${event.userName}  ` +
    `by ${event.actor}${changed}  (user ${event.userId}, event ${event.id})`
  );
}

/** One JSON object per line, the shape GET /api/v1/events returns. */
export function formatAuditEventJson(event: RecordedAuditEvent): string {
  return JSON.stringify({
    id: event.id,
    time: event.time,
    actor: event.actor,
    action: event.action,
    userId: event.userId,
    userName: event.userName,
    changed: event.changed,
  });
}
