import type { SyncAdmin } from '../jobs/sync-admin.js';
import { requestSyncNow, SyncNowRaceError } from '../jobs/request-sync-now.js';
import type { SyncRun } from '../jobs/sync-run.js';
import { ScimError } from '../scim/scim-error.js';
import type { RouteDefinition } from './api-surface.js';
import type { FerryRouteContext } from './ferry-state.js';
import { routeParameter } from './route-parameter.js';

/** Where the admin API is mounted (create-app.ts). */
export const ADMIN_API_PREFIX = '/api/v1';

const DEFAULT_LIST_LIMIT = 20;
const MAX_LIST_LIMIT = 200;

export interface SyncRouteDependencies extends Pick<
  SyncAdmin,
  'queue' | 'redis' | 'runs' | 'disabledReason'
> {
  /** config.publicUrl, for `links.self` and `Location`. */
  readonly publicUrl: string;
}

/**
 * The admin API's sync routes, relative to /api/v1: POST /syncs starts a
 * run now (or joins the one that will serve the request), GET /syncs lists
 * recent runs newest first, GET /syncs/{id} reports one with its progress.
 */
export function createSyncRoutes(
  dependencies: SyncRouteDependencies,
): RouteDefinition[] {
  return [
    {
      method: 'post',
      path: '/syncs',
      access: 'write',
      handler: (ctx) => startSync(ctx, dependencies),
    },
    {
      method: 'get',
      path: '/syncs',
      access: 'read',
      handler: (ctx) => listSyncs(ctx, dependencies),
    },
    {
      method: 'get',
      path: '/syncs/:id',
      access: 'read',
      handler: (ctx) => showSync(ctx, dependencies),
    },
  ];
}

async function startSync(
  ctx: FerryRouteContext,
  dependencies: SyncRouteDependencies,
): Promise<void> {
  if (dependencies.disabledReason !== undefined) {
    throw new ScimError(
      409,
      undefined,
      `Okta sync is off: ${dependencies.disabledReason}. Set OKTA_ORG_URL ` +
        'and OKTA_API_TOKEN (or OKTA_CLIENT_ID and OKTA_PRIVATE_KEY) for ' +
        'the web and worker processes, then restart them.',
    );
  }
  const { id } = await placeRequest(dependencies, ctx.state.token?.name ?? '');
  const run = await dependencies.runs.get(id);
  const self = runUrl(dependencies.publicUrl, id);
  ctx.status = 202;
  ctx.set('Location', self);
  ctx.body = { id, state: run?.state ?? 'waiting', links: { self } };
}

async function placeRequest(
  dependencies: SyncRouteDependencies,
  requestedBy: string,
) {
  try {
    return await requestSyncNow(dependencies, requestedBy);
  } catch (error) {
    if (!(error instanceof SyncNowRaceError)) throw error;
    throw new ScimError(503, undefined, `${error.message}.`, {
      'Retry-After': '1',
    });
  }
}

async function listSyncs(
  ctx: FerryRouteContext,
  dependencies: SyncRouteDependencies,
): Promise<void> {
  const limit = listLimit(ctx.query.limit);
  const runs = await dependencies.runs.listRecent(limit);
  ctx.body = {
    runs: runs.map((run) => withLinks(run, dependencies.publicUrl)),
  };
}

async function showSync(
  ctx: FerryRouteContext,
  dependencies: SyncRouteDependencies,
): Promise<void> {
  const id = routeParameter(ctx, 'id');
  const run = await dependencies.runs.get(id);
  if (!run) {
    throw new ScimError(
      404,
      undefined,
      `No sync run has id "${id}". Only recent runs are kept; ` +
        `GET ${ADMIN_API_PREFIX}/syncs lists them.`,
    );
  }
  ctx.body = withLinks(run, dependencies.publicUrl);
}

function listLimit(value: string | string[] | undefined): number {
  if (value === undefined) return DEFAULT_LIST_LIMIT;
  const text = Array.isArray(value) ? value[0] : value;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new ScimError(
      400,
      'invalidValue',
      `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}.`,
    );
  }
  return limit;
}

function withLinks(run: SyncRun, publicUrl: string) {
  return { ...run, links: { self: runUrl(publicUrl, run.id) } };
}

function runUrl(publicUrl: string, id: string): string {
  return `${publicUrl}${ADMIN_API_PREFIX}/syncs/${encodeURIComponent(id)}`;
}
