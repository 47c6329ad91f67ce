import { randomUUID } from 'node:crypto';

import Router from '@koa/router';
import type { Context } from 'koa';

import type {
  FloorRecord,
  FloorStore,
  FloorWriteOutcome,
} from './floor-store.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const UNSTORED = new Set(['id', 'meta', 'schemas', 'password', 'groups']);
const USER_NAME_EQ = /^userName eq "([^"]*)"$/;

type Body = Record<string, unknown>;

interface Floor {
  readonly store: FloorStore;
  /** http://127.0.0.1:<port>/scim/v2 */
  readonly baseUrl: string;
}

/**
 * The floor's /Users routes: the same Redis work and the same response
 * shapes as Ferry, with no SCIM validation, PATCH paths or filter grammar.
 * Records are parsed and resources rebuilt, as any server of this storage
 * layout must do to answer.
 */
export function floorUsersRouter(store: FloorStore, baseUrl: string): Router {
  const floor: Floor = { store, baseUrl };
  const router = new Router({ prefix: '/scim/v2' });
  router.post('/Users', (ctx) => createUser(ctx, floor));
  router.get('/Users/:id', (ctx) => getUser(ctx, floor, ctx.params.id ?? ''));
  router.get('/Users', (ctx) => listUsers(ctx, floor));
  router.patch('/Users/:id', (ctx) =>
    rewrite(ctx, floor, ctx.params.id ?? '', patchInMemory),
  );
  router.put('/Users/:id', (ctx) =>
    rewrite(ctx, floor, ctx.params.id ?? '', replaceInMemory),
  );
  return router;
}

async function createUser(ctx: Context, floor: Floor): Promise<void> {
  const body = ctx.request.body as Body;
  if (typeof body.userName !== 'string') return send(ctx, 400, {});
  const now = new Date().toISOString();
  const id = randomUUID();
  const record: FloorRecord = {
    version: 1,
    created: now,
    lastModified: now,
    resource: storable(body),
    provenance: { lastPushAt: now },
  };
  const externalId = typeof body.externalId === 'string' ? body.externalId : '';
  const changed = Object.keys(record.resource);
  const event = auditEvent(now, 'created', id, body.userName, changed);
  if (!(await floor.store.create(id, record, externalId, event))) {
    return send(ctx, 409, {});
  }
  ctx.set('Location', `${floor.baseUrl}/Users/${id}`);
  send(ctx, 201, toResource(id, record, floor.baseUrl));
}

async function getUser(ctx: Context, floor: Floor, id: string): Promise<void> {
  const json = await floor.store.get(id);
  if (json === null) return send(ctx, 404, {});
  const record = JSON.parse(json) as FloorRecord;
  send(ctx, 200, toResource(id, record, floor.baseUrl));
}

/** Okta's existence check (`userName eq "…"`), or a page in order. */
async function listUsers(ctx: Context, floor: Floor): Promise<void> {
  const filter = ctx.query.filter;
  if (typeof filter === 'string') {
    const userName = USER_NAME_EQ.exec(filter)?.[1] ?? '';
    const [id, json] = await floor.store.findByUserName(userName);
    const found =
      id && json
        ? [toResource(id, JSON.parse(json) as FloorRecord, floor.baseUrl)]
        : [];
    return send(ctx, 200, listResponse(found.length, 1, found));
  }
  const startIndex = Math.max(1, Number(ctx.query.startIndex ?? 1) || 1);
  const count = Math.min(200, Number(ctx.query.count ?? 100) || 100);
  const [total, ...pairs] = await floor.store.list(startIndex - 1, count);
  const users = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const record = JSON.parse(String(pairs[i + 1])) as FloorRecord;
    users.push(toResource(String(pairs[i]), record, floor.baseUrl));
  }
  send(ctx, 200, listResponse(Number(total), startIndex, users));
}

/** Okta's path-less replace: each operation's value merged in. */
function patchInMemory(record: FloorRecord, body: Body): string[] {
  const operations = Array.isArray(body.Operations) ? body.Operations : [];
  const changed: string[] = [];
  for (const operation of operations as Body[]) {
    const value = operation.value as Body;
    Object.assign(record.resource, value);
    changed.push(...Object.keys(value));
  }
  return changed;
}

function replaceInMemory(record: FloorRecord, body: Body): string[] {
  const before = record.resource;
  record.resource = storable(body);
  return changedKeys(before, record.resource);
}

/** Read, change in memory, and write back conditionally on the version. */
async function rewrite(
  ctx: Context,
  floor: Floor,
  id: string,
  change: (record: FloorRecord, body: Body) => string[],
): Promise<void> {
  const json = await floor.store.get(id);
  if (json === null) return send(ctx, 404, {});
  const record = JSON.parse(json) as FloorRecord;
  const changed = change(record, ctx.request.body as Body);
  const now = new Date().toISOString();
  const expectedVersion = record.version;
  record.version += 1;
  record.lastModified = now;
  record.provenance.lastPushAt = now;
  const userName = String(record.resource.userName);
  const event = auditEvent(now, 'updated', id, userName, changed);
  const outcome = await floor.store.write(id, expectedVersion, record, event);
  send(ctx, OUTCOME_STATUS[outcome], toResource(id, record, floor.baseUrl));
}

const OUTCOME_STATUS: Record<FloorWriteOutcome, number> = {
  ok: 200,
  missing: 404,
  conflict: 412,
  taken: 409,
};

function send(ctx: Context, status: number, body: Body): void {
  const meta = body.meta as Body | undefined;
  if (meta !== undefined) ctx.set('ETag', String(meta.version));
  ctx.status = status;
  ctx.type = 'application/scim+json';
  ctx.body = JSON.stringify(body);
}

function toResource(id: string, record: FloorRecord, baseUrl: string): Body {
  return {
    schemas: [USER_SCHEMA],
    id,
    ...record.resource,
    meta: {
      resourceType: 'User',
      created: record.created,
      lastModified: record.lastModified,
      version: `W/"${record.version}"`,
      location: `${baseUrl}/Users/${id}`,
    },
  };
}

function listResponse(total: number, startIndex: number, users: Body[]): Body {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: users.length,
    Resources: users,
  };
}

function storable(body: Body): Body {
  const kept: Body = {};
  for (const [name, value] of Object.entries(body)) {
    if (!UNSTORED.has(name)) kept[name] = value;
  }
  return kept;
}

function changedKeys(before: Body, after: Body): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter(
    (name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]),
  );
}

/** Field/value pairs as Ferry's audit trail writes them (audit-event.ts). */
function auditEvent(
  time: string,
  action: string,
  userId: string,
  userName: string,
  changed: readonly string[],
): string[] {
  return [
    'time',
    time,
    'actor',
    'token:bench',
    'action',
    action,
    'userId',
    userId,
    'userName',
    userName,
    'changed',
    changed.join(','),
  ];
}
