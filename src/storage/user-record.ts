import { isJsonObject, type JsonObject } from '../scim/json.js';
import {
  ENTERPRISE_USER_SCHEMA,
  USER_SCHEMA,
} from '../scim/schema/schema-urns.js';
import { parseStoredJson } from './stored-json.js';
import type { StoredUser, UserProvenance } from './stored-user.js';
import type { UserContent } from './user-repository.js';

/**
 * How a user is kept in Redis: the StoredUser without what can be derived
 * from the rest, which keeps a typical Okta user near 600 bytes of JSON.
 * `id` is in the key; `schemas` follows from the attributes present;
 * `meta` is rebuilt from `created`, `lastModified` and `version`.
 * `version` comes first in the JSON so that the write scripts can read it
 * without decoding the record.
 */
export interface UserRecord {
  readonly version: number;
  readonly created: string;
  readonly lastModified: string;
  /** The resource without `id`, `meta`, `schemas`, `password`, `groups`. */
  readonly resource: JsonObject;
  readonly provenance: UserProvenance;
}

/** A record whose JSON does not have the shape of a UserRecord. */
export class CorruptUserRecordError extends Error {
  override readonly name = 'CorruptUserRecordError';
  readonly code = 'CORRUPT_USER_RECORD';

  constructor(readonly userId: string) {
    super(`the stored record of user ${userId} is not a user record`);
  }
}

// Derived from other fields on the way out, or never stored: RFC 7643
// §4.1.1 makes `password` write-only, and `groups` is read-only (§4.1.2).
const UNSTORED_ATTRIBUTES = new Set([
  'id',
  'meta',
  'schemas',
  'password',
  'groups',
]);

// Every user read decodes provenance, so its fields are read by name; the
// result equals what storableProvenance makes of them.
const PROVENANCE_FIELDS = [
  'lastPushAt',
  'lastSyncAt',
  'oktaId',
  'oktaLastUpdated',
] as const satisfies readonly (keyof UserProvenance)[];

/** The part of a resource the record keeps. */
export function storableResource(resource: JsonObject): JsonObject {
  const kept: JsonObject = {};
  for (const [name, value] of Object.entries(resource)) {
    if (!UNSTORED_ATTRIBUTES.has(name)) kept[name] = value;
  }
  return kept;
}

export function encodeUserRecord(record: UserRecord): string {
  const { version, created, lastModified, resource, provenance } = record;
  return JSON.stringify({
    version,
    created,
    lastModified,
    resource,
    provenance,
  });
}

/** What a record keeps of the content a write receives. */
export function storableContent(
  content: UserContent,
): Pick<UserRecord, 'resource' | 'provenance'> {
  return {
    resource: storableResource(content.resource),
    provenance: storableProvenance(content.provenance),
  };
}

/** `meta.created`, which a replace carries over. */
export function createdOf(user: StoredUser): string | undefined {
  const meta = user.resource.meta;
  return isJsonObject(meta) && typeof meta.created === 'string'
    ? meta.created
    : undefined;
}

/** Parses a record's JSON (once) and rebuilds the StoredUser. */
export function decodeUserRecord(id: string, json: string): StoredUser {
  const parsed = parseStoredJson(json, () => new CorruptUserRecordError(id));
  if (
    !isJsonObject(parsed) ||
    typeof parsed.version !== 'number' ||
    typeof parsed.created !== 'string' ||
    typeof parsed.lastModified !== 'string' ||
    !isJsonObject(parsed.resource) ||
    !isJsonObject(parsed.provenance)
  ) {
    throw new CorruptUserRecordError(id);
  }
  return storedUserFromRecord(id, {
    version: parsed.version,
    created: parsed.created,
    lastModified: parsed.lastModified,
    resource: parsed.resource,
    provenance: provenanceFrom(parsed.provenance),
  });
}

/** The complete resource, as the conventions in stored-user.ts describe. */
export function storedUserFromRecord(
  id: string,
  record: UserRecord,
): StoredUser {
  const schemas = Object.hasOwn(record.resource, ENTERPRISE_USER_SCHEMA)
    ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA]
    : [USER_SCHEMA];
  const resource: JsonObject = {
    schemas,
    id,
    ...record.resource,
    meta: {
      resourceType: 'User',
      created: record.created,
      lastModified: record.lastModified,
      version: `W/"${record.version}"`,
    },
  };
  return {
    id,
    version: record.version,
    resource,
    provenance: record.provenance,
  };
}

function provenanceFrom(stored: JsonObject): UserProvenance {
  const provenance: { -readonly [Field in keyof UserProvenance]?: string } = {};
  for (const field of PROVENANCE_FIELDS) {
    const value = stored[field];
    if (typeof value === 'string') provenance[field] = value;
  }
  return provenance;
}

/** Provenance without unset fields, as a decoded record has it. */
export function storableProvenance(provenance: UserProvenance): UserProvenance {
  return Object.fromEntries(
    Object.entries(provenance).filter(([, value]) => value !== undefined),
  );
}
