/**
 * `scimType` values of RFC 7644 §3.12, Table 9, each allowed only with the
 * statuses listed for it.
 */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

const STATUSES_BY_SCIM_TYPE: Readonly<Record<ScimType, readonly number[]>> = {
  invalidFilter: [400],
  tooMany: [400],
  uniqueness: [409],
  mutability: [400],
  invalidSyntax: [400],
  invalidPath: [400],
  noTarget: [400],
  invalidValue: [400],
  invalidVers: [400],
  sensitive: [403],
};

/**
 * An error a SCIM client may see in full. Handlers and the SCIM modules throw
 * it; the HTTP edge turns it into an RFC 7644 §3.12 error body. Anything that
 * is not a ScimError reaches the client as a generic 500.
 */
export class ScimError extends Error {
  override readonly name = 'ScimError';

  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    if (scimType && !STATUSES_BY_SCIM_TYPE[scimType].includes(status)) {
      throw new TypeError(`scimType ${scimType} is not defined for ${status}`);
    }
  }
}

export function invalidFilter(detail: string): ScimError {
  return new ScimError(400, 'invalidFilter', detail);
}

export function invalidValue(detail: string): ScimError {
  return new ScimError(400, 'invalidValue', detail);
}

export function invalidSyntax(detail: string): ScimError {
  return new ScimError(400, 'invalidSyntax', detail);
}

export function invalidPath(detail: string): ScimError {
  return new ScimError(400, 'invalidPath', detail);
}

export function noTarget(detail: string): ScimError {
  return new ScimError(400, 'noTarget', detail);
}

export function mutability(detail: string): ScimError {
  return new ScimError(400, 'mutability', detail);
}

export function tooMany(detail: string): ScimError {
  return new ScimError(400, 'tooMany', detail);
}
