import type { TokenAuthenticator } from '../../auth/token-authenticator.js';
import {
  roleAllows,
  type ApiSurfaceName,
  type RouteAccess,
} from '../../auth/token-role.js';
import { ScimError } from '../../scim/scim-error.js';
import type { FerryMiddleware } from '../ferry-state.js';

/** RFC 6750 §3: a 401 names the scheme and realm the client must use. */
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="ferry"' };

/**
 * Requires `Authorization: Bearer <secret>` with a live token. The 401 never
 * says whether the token was missing, unknown or revoked.
 */
export function createBearerTokenMiddleware(
  tokens: TokenAuthenticator,
): FerryMiddleware {
  return async (ctx, next) => {
    const secret = bearerSecret(ctx.get('Authorization'));
    const token =
      secret === undefined ? undefined : await tokens.authenticate(secret);
    if (!token) {
      throw new ScimError(
        401,
        undefined,
        'Send a valid token as "Authorization: Bearer <token>". Tokens are ' +
          'made with "ferry tokens create".',
        CHALLENGE,
      );
    }
    ctx.state.token = token;
    await next();
  };
}

/** 403 when the authenticated token's role does not cover the route. */
export function requireAccess(
  surface: ApiSurfaceName,
  access: RouteAccess,
): FerryMiddleware {
  return async (ctx, next) => {
    const token = ctx.state.token;
    if (!token || !roleAllows(token.role, surface, access)) {
      const verb = access === 'read' ? 'read from' : 'write to';
      const api = surface === 'scim' ? 'SCIM' : 'admin';
      throw new ScimError(
        403,
        undefined,
        `Token "${token?.name ?? ''}" has the role ${token?.role ?? 'none'}, ` +
          `which may not ${verb} the ${api} API. Use a token whose role ` +
          'allows it.',
      );
    }
    await next();
  };
}

function bearerSecret(header: string): string | undefined {
  // RFC 7235 §2.1: the scheme name is case-insensitive.
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}
