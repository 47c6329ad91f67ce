/**
 * What a token may do. `full-access` is what an identity provider's
 * integration is given; `scim` keeps a token to the SCIM API; `read-only`
 * suits a reporting job or the internal platform's read side.
 */
export const TOKEN_ROLES = ['full-access', 'scim', 'read-only'] as const;

export type TokenRole = (typeof TOKEN_ROLES)[number];

/** The APIs Ferry serves, each under its own path prefix. */
export type ApiSurfaceName = 'scim' | 'admin';

/**
 * Whether a route changes state. Decided per route rather than from the
 * HTTP method, because RFC 7644 §3.4.3 queries with POST /.search.
 */
export type RouteAccess = 'read' | 'write';

export function isTokenRole(text: string): text is TokenRole {
  return (TOKEN_ROLES as readonly string[]).includes(text);
}

export function roleAllows(
  role: TokenRole,
  surface: ApiSurfaceName,
  access: RouteAccess,
): boolean {
  switch (role) {
    case 'full-access':
      return true;
    case 'scim':
      return surface === 'scim';
    case 'read-only':
      return access === 'read';
  }
}
