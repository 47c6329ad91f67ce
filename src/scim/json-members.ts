import type { JsonObject, JsonValue } from './json.js';
import { invalidSyntax } from './scim-error.js';

/** A member of a request object, found by a case-insensitive name. */
export interface MatchedMember<T> {
  readonly match: T;
  readonly key: string;
  readonly value: JsonValue;
}

/**
 * Matches the own members of `object` to the things `identify` recognises
 * (attribute definitions, extension schemas), keeping the order of the
 * object. Names are case-insensitive (RFC 7643 §2.1), so two members that
 * name the same thing in different case make the request ambiguous and are
 * refused. Only own keys are read: a `__proto__` or `constructor` member
 * stays an unknown name and never reaches a prototype.
 */
export function matchMembers<T>(
  object: JsonObject,
  identify: (key: string) => T | undefined,
  where: string,
): MatchedMember<T>[] {
  const matched: MatchedMember<T>[] = [];
  for (const [key, value] of Object.entries(object)) {
    const match = identify(key);
    if (match === undefined) continue;
    const earlier = matched.find((member) => member.match === match);
    if (earlier) throw duplicateMember(where, earlier.key, key);
    matched.push({ match, key, value });
  }
  return matched;
}

/** The own member called `name` in any case, or undefined. */
export function getMember(
  object: JsonObject,
  name: string,
  where: string,
): JsonValue | undefined {
  const wanted = name.toLowerCase();
  const [member] = matchMembers(
    object,
    (key) => (key.toLowerCase() === wanted ? name : undefined),
    where,
  );
  return member?.value;
}

function duplicateMember(where: string, first: string, second: string) {
  return invalidSyntax(
    `${where} has both "${first}" and "${second}"; names are ` +
      'case-insensitive (RFC 7643 §2.1), so send only one of them.',
  );
}
