import { changedAttributes } from '../audit/changed-attributes.js';
import { applyPatch } from '../scim/patch/apply-patch.js';
import { parsePatchRequest } from '../scim/patch/patch-request.js';
import { normaliseUserBody } from '../scim/user-body.js';
import type { JsonObject } from '../scim/json.js';
import type { StoredUser } from '../storage/stored-user.js';
import type { UserContent } from '../storage/user-repository.js';
import { writeUserConditionally } from './conditional-user-write.js';
import type { FerryRouteContext, FerryRouteHandler } from './ferry-state.js';
import { routeParameter } from './route-parameter.js';
import {
  actorOf,
  respondWithUser,
  responseSelection,
  type UsersHandlerDependencies,
} from './user-response.js';

export interface UsersWriteHandlers {
  readonly createUser: FerryRouteHandler;
  readonly replaceUser: FerryRouteHandler;
  readonly patchUser: FerryRouteHandler;
  readonly deleteUser: FerryRouteHandler;
}

/**
 * Every SCIM write records when it was pushed (provenance.lastPushAt), the
 * fact the push-wins rule of an Okta sync depends on, and keeps what a
 * sync recorded before it.
 */
export function createUsersWriteHandlers(
  dependencies: UsersHandlerDependencies,
): UsersWriteHandlers {
  const { users, clock, baseUrl } = dependencies;
  const maxOperations = dependencies.inputLimits?.maxPatchOperations;

  const pushed = (resource: JsonObject, current?: StoredUser): UserContent => ({
    resource,
    provenance: {
      ...current?.provenance,
      lastPushAt: clock().toISOString(),
    },
  });

  // A write that changes nothing is not made: no new version, no audit
  // event, and the modify time stays (RFC 7644 §3.5.2.1 asks this of add).
  // The attributes a client controls are compared (id and meta are
  // Ferry's), once: the store reuses the list for its audit event.
  const replaceIfChanged = (
    ctx: FerryRouteContext,
    current: StoredUser,
    resource: JsonObject,
  ): Promise<StoredUser> => {
    const changed = changedAttributes(current.resource, resource);
    if (changed.length === 0) return Promise.resolve(current);
    const next = { ...pushed(resource, current), changed };
    return users.replace(current, next, actorOf(ctx));
  };

  const conditional = (ctx: FerryRouteContext) => ({
    users,
    userId: routeParameter(ctx, 'id'),
    ifMatch: ctx.get('If-Match'),
    ifNoneMatch: ctx.get('If-None-Match'),
  });

  return {
    /** RFC 7644 §3.3: 201 with Location; 409 uniqueness for a taken userName. */
    createUser: async (ctx) => {
      const selection = responseSelection(ctx);
      const resource = normaliseUserBody(ctx.request.body);
      const user = await users.create(pushed(resource), actorOf(ctx));
      respondWithUser(ctx, user, { baseUrl, status: 201, selection });
    },

    /** RFC 7644 §3.5.1. */
    replaceUser: async (ctx) => {
      const selection = responseSelection(ctx);
      const user = await writeUserConditionally(conditional(ctx), (current) => {
        const resource = normaliseUserBody(ctx.request.body, {
          previous: current.resource,
        });
        return replaceIfChanged(ctx, current, resource);
      });
      respondWithUser(ctx, user, { baseUrl, status: 200, selection });
    },

    /**
     * RFC 7644 §3.5.2. Answers 200 with the user rather than 204: Okta and
     * Entra ID both accept it, and it saves them a read.
     */
    patchUser: async (ctx) => {
      const selection = responseSelection(ctx);
      const operations = parsePatchRequest(
        ctx.request.body,
        maxOperations === undefined ? {} : { maxOperations },
      );
      const user = await writeUserConditionally(conditional(ctx), (current) => {
        const resource = applyPatch(current.resource, operations);
        return replaceIfChanged(ctx, current, resource);
      });
      respondWithUser(ctx, user, { baseUrl, status: 200, selection });
    },

    /** RFC 7644 §3.6: 204, after which the id answers 404. */
    deleteUser: async (ctx) => {
      await writeUserConditionally(conditional(ctx), (current) =>
        users.delete(current, actorOf(ctx)),
      );
      ctx.status = 204;
    },
  };
}
