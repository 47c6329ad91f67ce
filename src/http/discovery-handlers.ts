import {
  findSupportedSchema,
  schemaDocument,
  serviceProviderConfig,
  SUPPORTED_SCHEMAS,
  userResourceType,
  type DiscoveryOptions,
} from '../scim/discovery-documents.js';
import { buildListResponse } from '../scim/list-response.js';
import { ScimError } from '../scim/scim-error.js';
import type { FerryRouteHandler } from './ferry-state.js';
import { routeParameter } from './route-parameter.js';

export interface DiscoveryHandlers {
  readonly getServiceProviderConfig: FerryRouteHandler;
  readonly listResourceTypes: FerryRouteHandler;
  readonly getResourceType: FerryRouteHandler;
  readonly listSchemas: FerryRouteHandler;
  readonly getSchema: FerryRouteHandler;
}

/**
 * RFC 7644 §4: what Ferry supports, for clients that configure themselves.
 * The documents depend only on configuration, so they are built once.
 */
export function createDiscoveryHandlers(
  options: DiscoveryOptions,
): DiscoveryHandlers {
  const config = serviceProviderConfig(options);
  const userType = userResourceType(options);
  const schemas = SUPPORTED_SCHEMAS.map((schema) =>
    schemaDocument(schema, options),
  );
  const single = { startIndex: 1 };

  return {
    getServiceProviderConfig: (ctx) => {
      refuseFilter(ctx);
      ctx.body = config;
    },
    listResourceTypes: (ctx) => {
      refuseFilter(ctx);
      ctx.body = buildListResponse([userType], { ...single, totalResults: 1 });
    },
    getResourceType: (ctx) => {
      const id = routeParameter(ctx, 'id');
      if (id.toLowerCase() !== 'user') {
        throw notFound(`No resource type has id "${id}"; Ferry serves User.`);
      }
      ctx.body = userType;
    },
    listSchemas: (ctx) => {
      refuseFilter(ctx);
      ctx.body = buildListResponse(schemas, {
        ...single,
        totalResults: schemas.length,
      });
    },
    getSchema: (ctx) => {
      const id = routeParameter(ctx, 'id');
      const schema = findSupportedSchema(id);
      if (!schema) {
        throw notFound(
          `No schema has id "${id}". Ferry serves ` +
            `${SUPPORTED_SCHEMAS.map((known) => known.id).join(' and ')}.`,
        );
      }
      ctx.body = schemas[SUPPORTED_SCHEMAS.indexOf(schema)];
    },
  };
}

function notFound(detail: string): ScimError {
  return new ScimError(404, undefined, detail);
}

/**
 * RFC 7644 §4: the discovery endpoints take no filter, and a server SHOULD
 * answer 403 to one, so a client never mistakes the full list for a
 * filtered one.
 */
function refuseFilter(ctx: { readonly query: Record<string, unknown> }): void {
  if (ctx.query.filter === undefined) return;
  throw new ScimError(
    403,
    undefined,
    'The discovery endpoints take no filter (RFC 7644 §4). Request the ' +
      'whole list, or one resource by its id.',
  );
}
