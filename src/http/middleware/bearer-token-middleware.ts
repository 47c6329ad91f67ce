import type { TokenAuthenticator } from '../../auth/token-authenticator.js';
import {
  roleAllows,
  type ApiSurfaceName,
  type RouteAccess,
} from '../../auth/token-role.js';
import { ScimError } from '../../scim/scim-error.js';
import type { FerryContext, FerryMiddleware } from '../ferry-state.js';

/** RFC 6750 §3: a 401 names the scheme and realm the client must use. */
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="ferry"' };

/** The API and kind of call a route is, for the role check. */
export interface RequiredAccess {
  readonly surface: ApiSurfaceName;
  readonly access: RouteAccess;
}

/**
 * Requires `Authorization: Bearer <secret>` with a live token (401
 * otherwise, never saying whether it was missing, unknown or revoked) and,
 * when `required` is given, a role that covers the route (403).
 */
export function createBearerTokenMiddleware(
  tokens: TokenAuthenticator,
  required?: RequiredAccess,
): FerryMiddleware {
  return async (ctx, next) => {
    await authenticate(ctx, tokens);
    if (required !== undefined) requireAccess(ctx, required);
    await next();
  };
}

async function authenticate(
  ctx: FerryContext,
  tokens: TokenAuthenticator,
): Promise<void> {
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
}

function requireAccess(
  ctx: FerryContext,
  { surface, access }: RequiredAccess,
): void {
  const token = ctx.state.token;
  if (token && roleAllows(token.role, surface, access)) return;
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

function bearerSecret(header: string): string | undefined {
  // RFC 7235 §2.1: the scheme name is case-insensitive.
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}
