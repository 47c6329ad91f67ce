import type { Clock } from '../clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { UserRepository } from '../storage/user-repository.js';
import type { ApiSurface } from './api-surface.js';
import { createDiscoveryHandlers } from './discovery-handlers.js';
import { createScimMediaTypeMiddleware } from './middleware/scim-media-type-middleware.js';
import { createUsersReadHandlers } from './users-read-handlers.js';
import { createUsersWriteHandlers } from './users-write-handlers.js';

/** Where the SCIM API lives; identity providers are given BASE + this. */
export const SCIM_BASE_PATH = '/scim/v2';

export interface ScimSurfaceDependencies {
  readonly config: Pick<
    AppConfig,
    'publicUrl' | 'maxPageSize' | 'defaultPageSize' | 'limits'
  >;
  readonly users: UserRepository;
  readonly clock: Clock;
}

/**
 * The SCIM 2.0 API (RFC 7644): Users, and the discovery endpoints of §4.
 * Ferry has no Group resource; /Groups answers 404, which Okta and Entra ID
 * take as "groups are not supported".
 */
export function createScimSurface(
  dependencies: ScimSurfaceDependencies,
): ApiSurface {
  const { config, users, clock } = dependencies;
  const baseUrl = `${config.publicUrl}${SCIM_BASE_PATH}`;
  const paging = {
    defaultPageSize: config.defaultPageSize,
    maxPageSize: config.maxPageSize,
  };
  const inputLimits = {
    filter: {
      maxLength: config.limits.maxFilterLength,
      maxDepth: config.limits.maxFilterDepth,
    },
    maxPatchOperations: config.limits.maxPatchOperations,
  };
  const handlers = { users, clock, baseUrl, paging, inputLimits };
  const read = createUsersReadHandlers(handlers);
  const write = createUsersWriteHandlers(handlers);
  const discovery = createDiscoveryHandlers({
    baseUrl,
    maxPageSize: config.maxPageSize,
  });

  return {
    name: 'scim',
    prefix: SCIM_BASE_PATH,
    middleware: [createScimMediaTypeMiddleware()],
    // prettier-ignore
    routes: [
      { method: 'get', path: '/Users', access: 'read', handler: read.listUsers },
      { method: 'post', path: '/Users/.search', access: 'read', handler: read.searchUsers },
      { method: 'post', path: '/Users', access: 'write', handler: write.createUser },
      { method: 'get', path: '/Users/:id', access: 'read', handler: read.getUser },
      { method: 'put', path: '/Users/:id', access: 'write', handler: write.replaceUser },
      { method: 'patch', path: '/Users/:id', access: 'write', handler: write.patchUser },
      { method: 'delete', path: '/Users/:id', access: 'write', handler: write.deleteUser },
      { method: 'get', path: '/ServiceProviderConfig', access: 'read', handler: discovery.getServiceProviderConfig },
      { method: 'get', path: '/ResourceTypes', access: 'read', handler: discovery.listResourceTypes },
      { method: 'get', path: '/ResourceTypes/:id', access: 'read', handler: discovery.getResourceType },
      { method: 'get', path: '/Schemas', access: 'read', handler: discovery.listSchemas },
      { method: 'get', path: '/Schemas/:id', access: 'read', handler: discovery.getSchema },
    ],
  };
}
