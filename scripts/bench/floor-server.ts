// The floor: the smallest Koa + ioredis program that does the Redis work
// Ferry does per SCIM request, so that Ferry's cost per request can be read
// against what this machine needs at least. Runs standalone:
//   PORT, REDIS_URL, FLOOR_PREFIX ({floor}), FLOOR_TOKEN (bearer secret),
//   FLOOR_MAX_EVENTS (approximate audit stream length).
import { createHash, timingSafeEqual } from 'node:crypto';

import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';

import { createStoreRedisClient } from '../../src/storage/create-redis-client.js';
import { floorUsersRouter } from './floor-handlers.js';
import { FloorStore } from './floor-store.js';

const port = Number(process.env.PORT ?? 8090);
const token = process.env.FLOOR_TOKEN ?? '';
// Ferry's own client settings (auto-pipelining included), so that the
// client side of the Redis work costs the same.
const redis = createStoreRedisClient({
  url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
});
const store = new FloorStore(
  redis,
  process.env.FLOOR_PREFIX ?? '{floor}',
  Number(process.env.FLOOR_MAX_EVENTS ?? 1_000_000),
);

const app = new Koa();
app.use(bearerCheck(token));
app.use(bodyParser({ enableTypes: ['json'], jsonStrict: true }));
app.use(floorUsersRouter(store, `http://127.0.0.1:${port}/scim/v2`).routes());

const server = app.listen(port, '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  redis.disconnect();
  process.exit(0);
});

/** The SHA-256 comparison Ferry makes per request (src/auth/). */
function bearerCheck(secret: string): Koa.Middleware {
  const expected = sha256(secret);
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const given = sha256(header.startsWith('Bearer ') ? header.slice(7) : '');
    if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      ctx.status = 401;
      return;
    }
    await next();
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
