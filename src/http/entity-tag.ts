import { ScimError } from '../scim/scim-error.js';

/** RFC 7644 §3.14: a user's ETag is its version, weak. */
export function entityTag(version: number): string {
  return `W/"${version}"`;
}

/**
 * Whether an If-Match or If-None-Match header names the version: `*`, or
 * a list of entity tags compared weakly (RFC 9110 §8.8.3.2), since every
 * tag Ferry hands out is weak.
 */
export function headerMatchesVersion(header: string, version: number): boolean {
  if (header.trim() === '*') return true;
  const wanted = String(version);
  return parseEntityTags(header).some((tag) => tag === wanted);
}

/** 412 unless the If-Match header is absent or names the version. */
export function assertIfMatch(
  ifMatch: string,
  userId: string,
  version: number,
): void {
  if (ifMatch === '' || headerMatchesVersion(ifMatch, version)) return;
  throw new ScimError(
    412,
    undefined,
    `User "${userId}" is at version ${entityTag(version)}, not the one ` +
      'If-Match names. Read it again and retry with its current ETag.',
  );
}

/**
 * 412 when an If-None-Match header on a write names the version, or is `*`
 * for a user that exists (RFC 9110 §13.1.2: the method must not be
 * performed then).
 */
export function assertIfNoneMatch(
  ifNoneMatch: string,
  userId: string,
  version: number,
): void {
  if (ifNoneMatch === '' || !headerMatchesVersion(ifNoneMatch, version)) {
    return;
  }
  throw new ScimError(
    412,
    undefined,
    `User "${userId}" is at version ${entityTag(version)}, which ` +
      'If-None-Match excludes; nothing was written. Drop the header to ' +
      'write anyway.',
  );
}

/** The opaque parts of `W/"1", "2"`; malformed entries are skipped. */
function parseEntityTags(header: string): string[] {
  const tags: string[] = [];
  for (const match of header.matchAll(/(?:W\/)?"([^"]*)"/g)) {
    if (match[1] !== undefined) tags.push(match[1]);
  }
  return tags;
}
