import type { Redis } from 'ioredis';

import { parseAuditEvent } from '../audit/audit-event.js';
import {
  formatAuditEvent,
  formatAuditEventJson,
} from '../audit/format-audit-event.js';
import type { CliOutput } from './cli-output.js';

export interface TailOptions {
  /** A client of its own: XREAD BLOCK holds its connection. */
  readonly redis: Redis;
  readonly streamKey: string;
  readonly output: CliOutput;
  /** JSON lines instead of lines for a person. */
  readonly json: boolean;
  /** Ends the tail; the pending read is cut by disconnecting `redis`. */
  readonly signal: AbortSignal;
  /** Longest single wait of XREAD BLOCK, in ms. @defaultValue 5000 */
  readonly blockMs?: number;
  /** Called once the starting point is fixed: events from then on print. */
  readonly onFollowing?: () => void;
}

/**
 * Prints audit events as they are appended, from now on, until `signal`
 * aborts. Reads resume after the last entry printed, so a reconnect in
 * between loses nothing.
 */
export async function tailAuditEvents(options: TailOptions): Promise<void> {
  const { redis, signal } = options;
  const stop = () => redis.disconnect();
  signal.addEventListener('abort', stop, { once: true });
  try {
    let lastId = await newestEntryId(redis, options.streamKey);
    options.onFollowing?.();
    while (!signal.aborted) {
      const batch = await readAfter(options, lastId);
      for (const [id, fields] of batch) {
        lastId = id;
        const event = parseAuditEvent(id, fields);
        if (event === undefined) continue;
        options.output.stdout(
          options.json ? formatAuditEventJson(event) : formatAuditEvent(event),
        );
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

// `$` would mean "newest" afresh at each reconnect; a concrete id does not.
async function newestEntryId(redis: Redis, key: string): Promise<string> {
  const [newest] = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  return newest?.[0] ?? '0-0';
}

async function readAfter(
  options: TailOptions,
  lastId: string,
): Promise<[string, string[]][]> {
  const reply = await options.redis.xread(
    'BLOCK',
    options.blockMs ?? 5000,
    'STREAMS',
    options.streamKey,
    lastId,
  );
  return reply?.[0]?.[1] ?? [];
}
