import { EventEmitter } from 'node:events';

import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';

import type { RouteDefinition } from '../../../src/http/api-surface.js';
import type { FerryRouteContext } from '../../../src/http/ferry-state.js';
import { storeGuardedRoutes } from '../../../src/http/store-guarded-routes.js';
import { RedisAvailability } from '../../../src/storage/redis-availability.js';
import { StoreUnavailableError } from '../../../src/storage/store-unavailable-error.js';

function client(status: string): Redis {
  return Object.assign(new EventEmitter(), {
    status,
    connect: () => Promise.resolve(),
  }) as unknown as Redis;
}

function route(handler: RouteDefinition['handler']): RouteDefinition {
  return { method: 'get', path: '/syncs', access: 'read', handler };
}

const ctx = { body: undefined } as unknown as FerryRouteContext;
const next = () => Promise.resolve();

describe('storeGuardedRoutes', () => {
  it('keeps each route as it is, running its handler', async () => {
    const [guarded] = storeGuardedRoutes(
      [
        route((context) => {
          context.body = { ok: true };
        }),
      ],
      new RedisAvailability(client('ready'), 50),
    );
    expect(guarded).toMatchObject({ method: 'get', path: '/syncs' });
    await guarded?.handler(ctx, next);
    expect(ctx.body).toEqual({ ok: true });
  });

  it('reports a lost connection inside the handler as StoreUnavailableError', async () => {
    const [guarded] = storeGuardedRoutes(
      [route(() => Promise.reject(new Error('Connection is closed.')))],
      new RedisAvailability(client('ready'), 50),
    );
    await expect(guarded?.handler(ctx, next)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('does not run the handler while Redis stays away', async () => {
    let ran = false;
    const [guarded] = storeGuardedRoutes(
      [
        route(() => {
          ran = true;
        }),
      ],
      new RedisAvailability(client('reconnecting'), 20),
    );
    await expect(guarded?.handler(ctx, next)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(ran).toBe(false);
  });
});
