import { EventEmitter } from 'node:events';

import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';

import { RedisAvailability } from '../../../src/storage/redis-availability.js';
import { StoreUnavailableError } from '../../../src/storage/store-unavailable-error.js';

class FakeClient extends EventEmitter {
  connects = 0;
  constructor(public status: string) {
    super();
  }
  connect() {
    this.connects += 1;
    return Promise.resolve();
  }
  becomeReady() {
    this.status = 'ready';
    this.emit('ready');
  }
}

function availabilityOf(client: FakeClient, timeoutMs = 100) {
  return new RedisAvailability(client as unknown as Redis, timeoutMs);
}

describe('RedisAvailability', () => {
  it('runs at once on a ready connection', async () => {
    const availability = availabilityOf(new FakeClient('ready'));
    expect(await availability.run(() => Promise.resolve(7))).toBe(7);
  });

  it('waits for a reconnect that comes within the time allowed', async () => {
    const client = new FakeClient('reconnecting');
    const availability = availabilityOf(client, 1000);
    const calls = [1, 2, 3].map((n) =>
      availability.run(() => Promise.resolve(n)),
    );
    setTimeout(() => client.becomeReady(), 20);
    expect(await Promise.all(calls)).toEqual([1, 2, 3]);
    expect(client.listenerCount('ready')).toBe(0);
  });

  it('fails with StoreUnavailableError when the connection stays down', async () => {
    const availability = availabilityOf(new FakeClient('reconnecting'), 50);
    let ran = false;
    await expect(
      availability.run(() => {
        ran = true;
        return Promise.resolve();
      }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(ran).toBe(false);
  });

  it('connects a client that has not connected yet', async () => {
    const client = new FakeClient('wait');
    const availability = availabilityOf(client, 1000);
    const call = availability.run(() => Promise.resolve('done'));
    expect(client.connects).toBe(1);
    client.becomeReady();
    expect(await call).toBe('done');
  });

  it('turns an outage during the call into StoreUnavailableError', async () => {
    const availability = availabilityOf(new FakeClient('ready'));
    await expect(
      availability.run(() =>
        Promise.reject(new Error('Connection is closed.')),
      ),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    const bug = new TypeError('bug');
    await expect(availability.run(() => Promise.reject(bug))).rejects.toBe(bug);
  });
});
