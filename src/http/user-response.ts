import type { Clock } from '../clock.js';
import type { FilterLimits } from '../scim/filter/filter-parser.js';
import type { PagingLimits } from '../scim/list-response.js';
import {
  DEFAULT_SELECTION,
  selectionFromQuery,
  type AttributeSelection,
} from '../scim/search-request.js';
import { representUser } from '../scim/user-representation.js';
import type { Actor, StoredUser } from '../storage/stored-user.js';
import type { UserRepository } from '../storage/user-repository.js';
import { entityTag } from './entity-tag.js';
import type { FerryContext } from './ferry-state.js';
import { setScimBody } from './middleware/scim-media-type-middleware.js';

export interface UsersHandlerDependencies {
  readonly users: UserRepository;
  readonly clock: Clock;
  /** The SCIM base URL clients use, e.g. https://ferry.example.com/scim/v2. */
  readonly baseUrl: string;
  readonly paging: PagingLimits;
  /** Bounds on client input (FERRY_FILTER_*, FERRY_PATCH_MAX_OPERATIONS). */
  readonly inputLimits?: ScimInputLimits;
}

export interface ScimInputLimits {
  readonly filter: FilterLimits;
  readonly maxPatchOperations: number;
}

/** RFC 7644 §3.1: the resource's URI, as `meta.location` and `Location`. */
export function userLocation(baseUrl: string, id: string): string {
  return `${baseUrl}/Users/${encodeURIComponent(id)}`;
}

/**
 * RFC 7644 §3.9: `attributes` and `excludedAttributes` shape the user a
 * response returns. Most requests carry no query string, and Koa would
 * parse even an empty one into a new object.
 */
export function responseSelection(ctx: FerryContext): AttributeSelection {
  return ctx.querystring === ''
    ? DEFAULT_SELECTION
    : selectionFromQuery(ctx.query);
}

/** One user as the body, with its ETag (RFC 7644 §3.14). */
export function respondWithUser(
  ctx: FerryContext,
  user: StoredUser,
  options: {
    readonly baseUrl: string;
    readonly status: 200 | 201;
    readonly selection: AttributeSelection;
  },
): void {
  const location = userLocation(options.baseUrl, user.id);
  ctx.status = options.status;
  ctx.set('ETag', entityTag(user.version));
  if (options.status === 201) ctx.set('Location', location);
  setScimBody(ctx, representUser(user.resource, location, options.selection));
}

/** Who the audit trail records for a SCIM write: the token's name. */
export function actorOf(ctx: FerryContext): Actor {
  const token = ctx.state.token;
  if (!token)
    throw new TypeError('a write reached its handler unauthenticated');
  return { kind: 'token', name: token.name };
}
