import { AUDIT_ACTIONS, type AuditAction } from '../audit/audit-event.js';
import {
  decodeAuditEventCursor,
  encodeAuditEventCursor,
  type AuditEventCursor,
  type AuditEventOrder,
} from '../audit/audit-event-cursor.js';
import type {
  AuditEventPage,
  AuditEventQuery,
} from '../audit/redis-audit-trail.js';
import type { QueryParameters } from '../scim/search-request.js';
import { invalidValue } from '../scim/scim-error.js';
import type { RouteDefinition } from './api-surface.js';

export interface AuditEventReader {
  page(query: AuditEventQuery): Promise<AuditEventPage>;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const ORDERS: readonly AuditEventOrder[] = ['newest', 'oldest'];

/**
 * GET /api/v1/events: the audit trail, a page at a time, newest first
 * unless `order=oldest`; `userId` and `action` narrow it; `next` is the
 * cursor to pass as `after` for the following page, null at the end.
 * Readable with a full-access or read-only token.
 */
export function createEventsRoutes(
  reader: AuditEventReader,
): RouteDefinition[] {
  return [
    {
      method: 'get',
      path: '/events',
      access: 'read',
      handler: async (ctx) => {
        const query = readEventsQuery(ctx.query);
        const page = await reader.page(query);
        ctx.body = {
          events: page.events.map((event) => ({
            id: event.id,
            time: event.time,
            actor: event.actor,
            action: event.action,
            userId: event.userId,
            userName: event.userName,
            changed: event.changed,
          })),
          next:
            page.continueAfter === undefined
              ? null
              : encodeAuditEventCursor({
                  order: query.order,
                  after: page.continueAfter,
                }),
        };
      },
    },
  ];
}

export function readEventsQuery(query: QueryParameters): AuditEventQuery {
  const cursor = readCursor(single(query, 'after'));
  const order = readOrder(single(query, 'order'), cursor);
  const userId = single(query, 'userId');
  const action = readAction(single(query, 'action'));
  return {
    order,
    after: cursor?.after,
    limit: readLimit(single(query, 'limit')),
    ...(userId === undefined ? {} : { userId }),
    ...(action === undefined ? {} : { action }),
  };
}

function readCursor(text: string | undefined): AuditEventCursor | undefined {
  if (text === undefined) return undefined;
  const cursor = decodeAuditEventCursor(text);
  if (cursor === undefined) {
    throw invalidValue(
      '"after" is not a cursor Ferry issued. Pass the "next" value of the ' +
        'previous page unchanged, or leave "after" out to start over.',
    );
  }
  return cursor;
}

function readOrder(
  text: string | undefined,
  cursor: AuditEventCursor | undefined,
): AuditEventOrder {
  const order = ORDERS.find((candidate) => candidate === text);
  if (text !== undefined && order === undefined) {
    throw invalidValue('"order" must be "newest" or "oldest".');
  }
  if (cursor && order !== undefined && order !== cursor.order) {
    throw invalidValue(
      `The cursor in "after" pages ${cursor.order} first; "order" must ` +
        'stay the same from page to page. Leave "order" out or start over.',
    );
  }
  return order ?? cursor?.order ?? 'newest';
}

function readAction(text: string | undefined): AuditAction | undefined {
  if (text === undefined) return undefined;
  const action = AUDIT_ACTIONS.find((candidate) => candidate === text);
  if (action === undefined) {
    throw invalidValue(
      `"action" must be one of ${AUDIT_ACTIONS.join(', ')}; got ` +
        `"${text.slice(0, 40)}".`,
    );
  }
  return action;
}

function readLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIMIT;
  const limit = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw invalidValue(
      `"limit" must be a whole number from 1 to ${MAX_LIMIT}.`,
    );
  }
  return limit;
}

function single(query: QueryParameters, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    throw invalidValue(
      `"${name}" was given ${value.length} times; give it once.`,
    );
  }
  return value;
}
