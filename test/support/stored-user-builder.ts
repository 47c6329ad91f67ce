import type { JsonObject } from '../../src/scim/json.js';
import type {
  StoredUser,
  UserProvenance,
} from '../../src/storage/stored-user.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** A stored user as the repository would hand it out, for pure tests. */
export function storedUser(
  attributes: JsonObject,
  provenance: UserProvenance = {},
  options: { id?: string; version?: number } = {},
): StoredUser {
  const id = options.id ?? 'b7c1e0a2-0000-4000-8000-000000000001';
  const version = options.version ?? 3;
  return {
    id,
    version,
    provenance,
    resource: {
      schemas: [CORE],
      id,
      ...attributes,
      meta: {
        resourceType: 'User',
        created: '2024-06-01T00:00:00.000Z',
        lastModified: '2024-06-02T00:00:00.000Z',
        version: `W/"${version}"`,
      },
    },
  };
}
