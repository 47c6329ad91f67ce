import type {
  RedisTokenStore,
  TokenRecord,
} from '../auth/redis-token-store.js';
import type { TokenRole } from '../auth/token-role.js';
import { generateTokenSecret, hashTokenSecret } from '../auth/token-secret.js';
import type { Clock } from '../clock.js';
import type { CliOutput } from './cli-output.js';

export type TokenStore = Pick<RedisTokenStore, 'create' | 'list' | 'revoke'>;

/**
 * Prints the new secret, and nothing else, on stdout, so that
 * `TOKEN=$(ferry tokens create ...)` captures exactly the secret. Only its
 * hash is stored: this is the one time anyone sees it.
 */
export async function createToken(
  store: TokenStore,
  request: { readonly name: string; readonly role: TokenRole },
  output: CliOutput,
  clock: Clock,
): Promise<void> {
  const secret = generateTokenSecret();
  await store.create({
    name: request.name,
    role: request.role,
    secretHash: hashTokenSecret(secret),
    createdAt: clock(),
  });
  output.stderr(
    `Created token "${request.name}" with role ${request.role}. Copy the ` +
      'secret below now: Ferry keeps only its hash and cannot show it again.',
  );
  output.stdout(secret);
}

export async function listTokens(
  store: TokenStore,
  output: CliOutput,
): Promise<void> {
  const tokens = await store.list();
  if (tokens.length === 0) {
    output.stderr('No tokens yet. Make one with: ferry tokens create');
    return;
  }
  for (const line of formatTable(tokens)) output.stdout(line);
}

export async function revokeToken(
  store: TokenStore,
  request: { readonly name: string },
  output: CliOutput,
): Promise<void> {
  await store.revoke(request.name);
  output.stderr(
    `Revoked token "${request.name}". Web processes stop accepting it ` +
      'within 5 seconds.',
  );
}

function formatTable(tokens: readonly TokenRecord[]): string[] {
  const header = ['NAME', 'ROLE', 'CREATED', 'LAST USED'];
  const rows = [
    header,
    ...tokens.map((token) => [
      token.name,
      token.role,
      token.createdAt,
      token.lastUsedAt ?? 'never',
    ]),
  ];
  const widths = header.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
