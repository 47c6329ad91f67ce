import pino from 'pino';
import { describe, expect, it } from 'vitest';

import type { StoredToken } from '../../../src/auth/redis-token-store.js';
import {
  CachingTokenAuthenticator,
  type TokenLookup,
} from '../../../src/auth/token-authenticator.js';
import { hashTokenSecret } from '../../../src/auth/token-secret.js';

const SECRET = 'ferry_secret-for-tests';

class FakeTokenStore implements TokenLookup {
  readonly tokens = new Map<string, StoredToken>();
  readonly touches: { secretHash: string; usedAt: string }[] = [];
  lookups = 0;
  failNextLookup = false;
  failTouches = false;

  add(secret: string, name: string): void {
    const secretHash = hashTokenSecret(secret);
    this.tokens.set(secretHash, {
      name,
      role: 'scim',
      createdAt: '2026-01-01T00:00:00.000Z',
      lastUsedAt: undefined,
      secretHash,
    });
  }

  findByHash(secretHash: string): Promise<StoredToken | undefined> {
    this.lookups += 1;
    if (this.failNextLookup) {
      this.failNextLookup = false;
      return Promise.reject(new Error('connection lost'));
    }
    return Promise.resolve(this.tokens.get(secretHash));
  }

  touch(secretHash: string, usedAt: Date): Promise<void> {
    this.touches.push({ secretHash, usedAt: usedAt.toISOString() });
    return this.failTouches
      ? Promise.reject(new Error('read only replica'))
      : Promise.resolve();
  }
}

function setUp(options: { cacheTtlMs?: number } = {}) {
  const store = new FakeTokenStore();
  let now = Date.parse('2026-03-01T12:00:00.000Z');
  const authenticator = new CachingTokenAuthenticator({
    store,
    logger: pino({ level: 'silent' }),
    clock: () => new Date(now),
    ...options,
  });
  const advance = (ms: number) => {
    now += ms;
  };
  return { store, authenticator, advance };
}

describe('CachingTokenAuthenticator', () => {
  it('answers with the name and role of a known secret', async () => {
    const { store, authenticator } = setUp();
    store.add(SECRET, 'okta');
    await expect(authenticator.authenticate(SECRET)).resolves.toEqual({
      name: 'okta',
      role: 'scim',
    });
  });

  it('answers undefined for unknown, empty and oversized secrets', async () => {
    const { store, authenticator } = setUp();
    await expect(authenticator.authenticate('ferry_nope')).resolves.toBe(
      undefined,
    );
    await expect(authenticator.authenticate('')).resolves.toBe(undefined);
    await expect(
      authenticator.authenticate(`ferry_${'x'.repeat(300)}`),
    ).resolves.toBe(undefined);
    expect(store.lookups).toBe(1);
  });

  it('reuses a positive answer until the cache time has passed', async () => {
    const { store, authenticator, advance } = setUp({ cacheTtlMs: 5000 });
    store.add(SECRET, 'okta');
    await authenticator.authenticate(SECRET);
    store.tokens.clear();
    advance(4999);
    await expect(authenticator.authenticate(SECRET)).resolves.toEqual({
      name: 'okta',
      role: 'scim',
    });
    advance(1);
    await expect(authenticator.authenticate(SECRET)).resolves.toBe(undefined);
    expect(store.lookups).toBe(2);
  });

  it('reuses a negative answer too, so bad secrets cost one read', async () => {
    const { store, authenticator, advance } = setUp();
    await authenticator.authenticate(SECRET);
    store.add(SECRET, 'okta');
    await expect(authenticator.authenticate(SECRET)).resolves.toBe(undefined);
    advance(5000);
    await expect(authenticator.authenticate(SECRET)).resolves.toEqual({
      name: 'okta',
      role: 'scim',
    });
  });

  it('never caches for longer than 5 seconds', async () => {
    const { store, authenticator, advance } = setUp({ cacheTtlMs: 60_000 });
    store.add(SECRET, 'okta');
    await authenticator.authenticate(SECRET);
    store.tokens.clear();
    advance(5000);
    await expect(authenticator.authenticate(SECRET)).resolves.toBe(undefined);
  });

  it('asks the store again after a failed lookup', async () => {
    const { store, authenticator } = setUp();
    store.add(SECRET, 'okta');
    store.failNextLookup = true;
    await expect(authenticator.authenticate(SECRET)).rejects.toThrow(
      'connection lost',
    );
    await expect(authenticator.authenticate(SECRET)).resolves.toEqual({
      name: 'okta',
      role: 'scim',
    });
  });

  it('records a use at most once a minute per token', async () => {
    const { store, authenticator, advance } = setUp();
    store.add(SECRET, 'okta');
    await authenticator.authenticate(SECRET);
    advance(59_999);
    await authenticator.authenticate(SECRET);
    advance(1);
    await authenticator.authenticate(SECRET);
    expect(store.touches).toEqual([
      {
        secretHash: hashTokenSecret(SECRET),
        usedAt: '2026-03-01T12:00:00.000Z',
      },
      {
        secretHash: hashTokenSecret(SECRET),
        usedAt: '2026-03-01T12:01:00.000Z',
      },
    ]);
  });

  it('still authenticates when recording the use fails', async () => {
    const { store, authenticator } = setUp();
    store.add(SECRET, 'okta');
    store.failTouches = true;
    await expect(authenticator.authenticate(SECRET)).resolves.toEqual({
      name: 'okta',
      role: 'scim',
    });
  });

  it('rejects a stored record whose hash does not match its key', async () => {
    const { store, authenticator } = setUp();
    store.tokens.set(hashTokenSecret(SECRET), {
      name: 'okta',
      role: 'scim',
      createdAt: '2026-01-01T00:00:00.000Z',
      lastUsedAt: undefined,
      secretHash: hashTokenSecret('ferry_other'),
    });
    await expect(authenticator.authenticate(SECRET)).resolves.toBe(undefined);
  });
});
