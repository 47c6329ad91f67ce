import type { Redis } from 'ioredis';

import { RedisScript } from '../../src/storage/redis-script.js';
import {
  FLOOR_CREATE_LUA,
  FLOOR_FIND_LUA,
  FLOOR_LIST_LUA,
  FLOOR_WRITE_LUA,
} from './floor-scripts.js';

/** The record layout Ferry keeps (src/storage/user-record.ts). */
export interface FloorRecord {
  version: number;
  created: string;
  lastModified: string;
  resource: Record<string, unknown>;
  provenance: Record<string, string>;
}

export type FloorWriteOutcome = 'ok' | 'missing' | 'conflict' | 'taken';

const CREATE = new RedisScript(FLOOR_CREATE_LUA, 6);
const WRITE = new RedisScript(FLOOR_WRITE_LUA, 3);
const FIND = new RedisScript(FLOOR_FIND_LUA, 1);
const LIST = new RedisScript(FLOOR_LIST_LUA, 1);

const WRITE_OUTCOMES: Record<number, FloorWriteOutcome> = {
  1: 'ok',
  0: 'missing',
  [-1]: 'conflict',
  [-2]: 'taken',
};

/** The floor's keys, laid out like Ferry's (src/storage/redis-keys.ts). */
export class FloorStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly maxEvents: number,
  ) {}

  async create(
    id: string,
    record: FloorRecord,
    externalId: string,
    event: readonly string[],
  ): Promise<boolean> {
    const keys = [
      this.user(id),
      this.key('by-user-name'),
      this.key('by-external-id'),
      this.key('order'),
      this.key('sequence'),
      this.events(),
    ];
    const args = [
      id,
      JSON.stringify(record),
      userNameKey(record),
      externalId,
      String(this.maxEvents),
      ...event,
    ];
    return (await CREATE.run(this.redis, keys, args)) === 1;
  }

  async write(
    id: string,
    expectedVersion: number,
    record: FloorRecord,
    event: readonly string[],
  ): Promise<FloorWriteOutcome> {
    const keys = [this.user(id), this.key('by-user-name'), this.events()];
    const args = [
      id,
      String(expectedVersion),
      JSON.stringify(record),
      userNameKey(record),
      String(this.maxEvents),
      ...event,
    ];
    const reply = Number(await WRITE.run(this.redis, keys, args));
    return WRITE_OUTCOMES[reply] ?? 'missing';
  }

  get(id: string): Promise<string | null> {
    return this.redis.get(this.user(id));
  }

  async findByUserName(userName: string): Promise<string[]> {
    const keys = [this.key('by-user-name')];
    const args = [`${this.prefix}:user:`, userName.toLowerCase()];
    return (await FIND.run(this.redis, keys, args)) as string[];
  }

  /** Total, then (id, record JSON) pairs from 0-based rank `first`. */
  async list(first: number, count: number): Promise<(string | number)[]> {
    const args = [`${this.prefix}:user:`, String(first), String(count)];
    const keys = [this.key('order')];
    return (await LIST.run(this.redis, keys, args)) as (string | number)[];
  }

  private user(id: string): string {
    return `${this.prefix}:user:${id}`;
  }

  private events(): string {
    return `${this.prefix}:events`;
  }

  private key(name: string): string {
    return `${this.prefix}:users:${name}`;
  }
}

function userNameKey(record: FloorRecord): string {
  return String(record.resource.userName).toLowerCase();
}
