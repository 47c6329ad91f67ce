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
      ctx.body = config;
    },
    listResourceTypes: (ctx) => {
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
