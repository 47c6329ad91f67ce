import type { Redis } from 'ioredis';

import { userStoreKeys } from '../storage/redis-keys.js';
import {
  parseAuditEvent,
  type AuditAction,
  type RecordedAuditEvent,
} from './audit-event.js';
import type { AuditEventOrder } from './audit-event-cursor.js';

export interface AuditEventQuery {
  readonly order: AuditEventOrder;
  /** Start after this stream entry id; from the chosen end when absent. */
  readonly after: string | undefined;
  readonly limit: number;
  readonly userId?: string;
  readonly action?: AuditAction;
}

export interface AuditEventPage {
  readonly events: readonly RecordedAuditEvent[];
  /**
   * The entry id to continue after; undefined once the end of the trail
   * was reached. A page may hold fewer than `limit` events and still have
   * a continuation, when a filter matched few of the entries read.
   */
  readonly continueAfter: string | undefined;
}

/**
 * Entries one listing reads at most. A filter on userId or action is
 * applied to entries as they are read, so a rare match would otherwise
 * walk the whole trail in one request; past this, the page ends early and
 * says where to continue.
 */
const MAX_ENTRIES_READ = 10_000;
const FILTERED_CHUNK = 500;

/**
 * Reads the audit trail, the `<prefix>:events` stream the store's write
 * scripts append to (redis-keys.ts), and trims it by age.
 */
export class RedisAuditTrail {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    this.key = userStoreKeys(keyPrefix).events;
  }

  /** The stream key, for XREAD by a follower. */
  get streamKey(): string {
    return this.key;
  }

  async page(query: AuditEventQuery): Promise<AuditEventPage> {
    const filtered = query.userId !== undefined || query.action !== undefined;
    const events: RecordedAuditEvent[] = [];
    let position = query.after;
    let read = 0;
    for (;;) {
      const wanted = filtered
        ? FILTERED_CHUNK
        : query.limit - events.length + 1;
      const entries = await this.readChunk(query.order, position, wanted);
      for (const [index, [id, fields]] of entries.entries()) {
        position = id;
        const event = parseAuditEvent(id, fields);
        if (event === undefined || !matches(event, query)) continue;
        events.push(event);
        if (events.length === query.limit) {
          const more = index < entries.length - 1 || entries.length === wanted;
          return { events, continueAfter: more ? id : undefined };
        }
      }
      read += entries.length;
      if (entries.length < wanted) return { events, continueAfter: undefined };
      if (read >= MAX_ENTRIES_READ) return { events, continueAfter: position };
    }
  }

  /**
   * Removes events older than `maxAgeDays` (XTRIM MINID, Redis 6.2). Entry
   * ids carry the time Redis appended them, in milliseconds. Returns how
   * many were removed.
   */
  trimOlderThan(maxAgeDays: number, now: Date): Promise<number> {
    const oldestKept = now.getTime() - maxAgeDays * 24 * 60 * 60 * 1000;
    return this.redis.xtrim(this.key, 'MINID', `${Math.max(0, oldestKept)}-0`);
  }

  private async readChunk(
    order: AuditEventOrder,
    after: string | undefined,
    count: number,
  ): Promise<[string, string[]][]> {
    // `(` makes the bound exclusive (Redis 6.2): the cursor's entry was
    // already returned.
    if (order === 'oldest') {
      const start = after === undefined ? '-' : `(${after}`;
      return this.redis.xrange(this.key, start, '+', 'COUNT', count);
    }
    const end = after === undefined ? '+' : `(${after}`;
    return this.redis.xrevrange(this.key, end, '-', 'COUNT', count);
  }
}

function matches(event: RecordedAuditEvent, query: AuditEventQuery): boolean {
  return (
    (query.userId === undefined || event.userId === query.userId) &&
    (query.action === undefined || event.action === query.action)
  );
}
