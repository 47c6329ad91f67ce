import { buildListResponse } from '../scim/list-response.js';
import { ScimError } from '../scim/scim-error.js';
import {
  searchFromBody,
  searchFromQuery,
  type SearchRequest,
} from '../scim/search-request.js';
import { representUser } from '../scim/user-representation.js';
import { UserNotFoundError } from '../storage/storage-errors.js';
import { entityTag, headerMatchesVersion } from './entity-tag.js';
import type { FerryContext, FerryRouteHandler } from './ferry-state.js';
import { setScimBody } from './middleware/scim-media-type-middleware.js';
import { routeParameter } from './route-parameter.js';
import {
  respondWithUser,
  responseSelection,
  userLocation,
  type UsersHandlerDependencies,
} from './user-response.js';

export interface UsersReadHandlers {
  readonly listUsers: FerryRouteHandler;
  readonly searchUsers: FerryRouteHandler;
  readonly getUser: FerryRouteHandler;
}

export function createUsersReadHandlers(
  dependencies: UsersHandlerDependencies,
): UsersReadHandlers {
  const { users, baseUrl, paging } = dependencies;
  const filterLimits = dependencies.inputLimits?.filter;

  async function respondWithSearch(ctx: FerryContext, search: SearchRequest) {
    const { startIndex, count } = search.page;
    const page = await users.list({ filter: search.filter, startIndex, count });
    const resources = page.users.map((user) =>
      representUser(
        user.resource,
        userLocation(baseUrl, user.id),
        search.selection,
      ),
    );
    setScimBody(
      ctx,
      buildListResponse(resources, {
        totalResults: page.totalResults,
        startIndex,
      }),
    );
  }

  return {
    /** RFC 7644 §3.4.2: the way Okta checks whether a user exists. */
    listUsers: (ctx) =>
      respondWithSearch(ctx, searchFromQuery(ctx.query, paging, filterLimits)),

    /** RFC 7644 §3.4.3: the same query, kept out of URLs and logs. */
    searchUsers: (ctx) =>
      respondWithSearch(
        ctx,
        searchFromBody(ctx.request.body, paging, filterLimits),
      ),

    /** RFC 7644 §3.4.1, with If-None-Match (RFC 7644 §3.14) → 304. */
    getUser: async (ctx) => {
      const id = routeParameter(ctx, 'id');
      if (id === SEARCH_PATH_SEGMENT) throw searchNeedsPost();
      const selection = responseSelection(ctx);
      const user = await users.getById(id);
      if (!user) throw new UserNotFoundError(id);
      const ifNoneMatch = ctx.get('If-None-Match');
      if (
        ifNoneMatch !== '' &&
        headerMatchesVersion(ifNoneMatch, user.version)
      ) {
        ctx.status = 304;
        ctx.set('ETag', entityTag(user.version));
        return;
      }
      respondWithUser(ctx, user, { baseUrl, status: 200, selection });
    },
  };
}

/** RFC 7644 §3.4.3: `/Users/.search` is a POST endpoint, never a user id. */
const SEARCH_PATH_SEGMENT = '.search';

function searchNeedsPost(): ScimError {
  return new ScimError(
    405,
    undefined,
    'Search with POST /Users/.search and a SearchRequest body, or with ' +
      'GET /Users?filter=….',
    { Allow: 'POST' },
  );
}
