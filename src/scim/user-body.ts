import { canonicaliseUser } from './canonical-user.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { getMember } from './json-members.js';
import { USER_SCHEMA } from './schema/schema-urns.js';
import { invalidSyntax } from './scim-error.js';

export interface UserBodyOptions {
  /** The stored resource a PUT replaces; absent for a POST. */
  readonly previous?: JsonObject;
}

/**
 * Turns the body of a POST or PUT to /Users into the stored form of the
 * User, without `id` and `meta` (see canonicaliseUser for what is kept).
 * A PUT replaces every writable attribute (RFC 7644 §3.5.1), with one
 * exception: when `active` is left out, the user keeps its previous state,
 * so a client that does not manage `active` never deactivates anyone by
 * accident. On create, a user without `active` is active.
 *
 * Throws ScimError: invalidSyntax for a body that is not a User,
 * invalidValue for a bad or missing value, mutability for a changed
 * immutable attribute.
 */
export function normaliseUserBody(
  body: unknown,
  options: UserBodyOptions = {},
): JsonObject {
  if (!isJsonObject(body)) {
    throw invalidSyntax(
      'The request body must be a JSON object holding a User resource ' +
        '(RFC 7644 §3.3).',
    );
  }
  requireUserSchema(getMember(body, 'schemas', 'The User'));

  const { previous } = options;
  const active = previous ? previous.active : true;
  return canonicaliseUser(body, {
    previous,
    omittedImmutable: 'keep',
    fallback: active === undefined ? {} : { active },
  });
}

/**
 * RFC 7643 §3 makes `schemas` REQUIRED. Okta and Entra ID both send it on
 * every POST and PUT, so its absence means the body is not a User at all,
 * which is also what an empty body parsed without a Content-Type looks like.
 */
function requireUserSchema(schemas: JsonValue | undefined): void {
  const wanted = USER_SCHEMA.toLowerCase();
  const listsUser =
    Array.isArray(schemas) &&
    schemas.some(
      (schema) => typeof schema === 'string' && schema.toLowerCase() === wanted,
    );
  if (!listsUser) {
    throw invalidSyntax(
      `"schemas" must be an array that includes "${USER_SCHEMA}" ` +
        '(RFC 7643 §3).',
    );
  }
}
