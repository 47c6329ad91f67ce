import { generateKeyPairSync } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { OktaConfig } from '../../../src/config/app-config.js';
import { OktaDirectory } from '../../../src/okta/okta-directory.js';
import {
  OktaCredentialsError,
  OktaRateLimitedError,
  OktaRequestError,
  OktaUnavailableError,
} from '../../../src/okta/okta-errors.js';
import type { OktaUserPage } from '../../../src/okta/okta-user.js';
import { FakeOktaOrg } from '../../support/fake-okta-org.js';
import { virtualTime, type VirtualTime } from '../../support/virtual-time.js';

let org: FakeOktaOrg;
let time: VirtualTime;

beforeEach(async () => {
  org = await FakeOktaOrg.start();
  time = virtualTime();
});

afterEach(async () => {
  await org.close();
});

function tokenConfig(overrides: Partial<OktaConfig> = {}): OktaConfig {
  return {
    orgUrl: org.url,
    credentials: { kind: 'apiToken', token: org.apiToken },
    userSearch: undefined,
    ...overrides,
  };
}

function directory(config: OktaConfig = tokenConfig()): OktaDirectory {
  return new OktaDirectory({
    config,
    pacing: {
      clock: time.clock,
      sleep: time.sleep,
      backoffBaseMs: 10,
      maxAttempts: 3,
    },
  });
}

async function collect(dir: OktaDirectory): Promise<OktaUserPage[]> {
  const pages: OktaUserPage[] = [];
  for await (const page of dir.listAllUsers()) pages.push(page);
  return pages;
}

function ids(pages: readonly OktaUserPage[]): string[] {
  return pages.flatMap((page) => page.users.map((user) => user.id));
}

describe('OktaDirectory.listAllUsers', () => {
  it('follows every page and then lists DEPROVISIONED users separately', async () => {
    const users = org.seed(450);
    org.updateUser(users[10]!.id, { status: 'DEPROVISIONED' });

    const pages = await collect(directory());

    expect(ids(pages).sort()).toEqual(users.map((u) => u.id).sort());
    expect(org.listRequests().map((r) => r.query.get('filter'))).toEqual([
      null,
      null,
      null,
      'status eq "DEPROVISIONED"',
    ]);
    expect(pages.map((p) => p.users.length)).toEqual([200, 200, 49, 1]);
  });

  it('reads lastUpdated as ISO text and the mapped profile fields', async () => {
    const [user] = org.seed(1);

    const [page] = await collect(directory());

    expect(page?.users[0]).toEqual({
      id: user!.id,
      status: 'ACTIVE',
      lastUpdated: user!.lastUpdated,
      profile: {
        login: 'user1@example.com',
        email: 'user1@example.com',
        firstName: 'First1',
        lastName: 'Last1',
        displayName: 'First1 Last1',
        title: 'Engineer',
        department: 'Department 1',
        employeeNumber: '100001',
        costCenter: 'CC-1',
        locale: 'en_US',
        timezone: 'Europe/London',
      },
    });
  });

  it('keeps going past an empty page that still links to the next one', async () => {
    org.seed(450);
    org.emptyPageAt = 2;

    const pages = await collect(directory());

    expect(ids(pages)).toHaveLength(450);
    expect(pages.map((p) => p.users.length)).toEqual([200, 0, 200, 50, 0]);
  });

  it('works with an orgUrl that ends in a slash', async () => {
    org.seed(3);

    const pages = await collect(
      directory(tokenConfig({ orgUrl: `${org.url}/` })),
    );

    expect(ids(pages)).toHaveLength(3);
    expect(org.listRequests()[0]?.path).toBe('/api/v1/users');
  });

  it('uses one search listing when a user search is configured', async () => {
    org.seed(3);
    org.addUser({ login: 'gone@other.org', status: 'DEPROVISIONED' });
    const search = 'profile.login sw "gone" or profile.login sw "user1@"';

    const pages = await collect(directory(tokenConfig({ userSearch: search })));

    expect(
      pages.flatMap((p) => p.users.map((u) => u.profile.login)).sort(),
    ).toEqual(['gone@other.org', 'user1@example.com']);
    expect(org.listRequests().map((r) => r.query.get('search'))).toEqual([
      search,
    ]);
  });

  it('waits until the reset after a 429 and carries on', async () => {
    org.seed(450);
    org.scriptListFaults({ afterRequests: 1, status: 429, resetSeconds: 5 });

    const pages = await collect(directory());

    expect(ids(pages)).toHaveLength(450);
    expect(time.waits).toHaveLength(1);
    expect(time.waits[0]).toBeGreaterThanOrEqual(5_000);
    expect(time.waits[0]).toBeLessThanOrEqual(7_000);
  });

  it('pauses before the limit is spent when little of it remains', async () => {
    await org.close();
    org = await FakeOktaOrg.start({ rateLimit: 20, windowSeconds: 30 });
    org.seed(19 * 10);

    const pages = await collect(
      new OktaDirectory({
        config: tokenConfig(),
        pageSize: 10,
        pacing: { clock: time.clock, sleep: time.sleep, reserveShare: 0.1 },
      }),
    );

    // 20 requests against a limit of 20 with a reserve of 2: the answers to
    // requests 18 and 19 leave 2 and 1, and each is followed by a pause (the
    // fake's window runs on real time, so it still reports them afterwards).
    expect(ids(pages)).toHaveLength(190);
    expect(time.waits).toHaveLength(2);
    for (const wait of time.waits) expect(wait).toBeGreaterThan(25_000);
  });

  it('retries 5xx answers and completes', async () => {
    org.seed(250);
    org.scriptListFaults({ afterRequests: 1, status: 503, times: 2 });

    const pages = await collect(directory());

    expect(ids(pages)).toHaveLength(250);
    expect(time.waits).toHaveLength(2);
  });

  it('gives up with OktaUnavailableError once the attempts are spent', async () => {
    org.seed(450);
    org.scriptListFaults({ afterRequests: 1, status: 502, times: 3 });
    const seen: string[] = [];

    const listing = (async () => {
      for await (const page of directory().listAllUsers()) {
        seen.push(...page.users.map((u) => u.id));
      }
    })();

    await expect(listing).rejects.toThrow(OktaUnavailableError);
    await expect(listing).rejects.toThrow(/after 3 attempts \(last: 502/);
    expect(seen).toHaveLength(200);
  });

  it('gives up with OktaRateLimitedError when the reset is too far away', async () => {
    org.seed(10);
    org.scriptListFaults({ status: 429, resetSeconds: 3_600 });

    await expect(collect(directory())).rejects.toThrow(OktaRateLimitedError);
  });

  it('reports a refused API token as OktaCredentialsError', async () => {
    const config = tokenConfig({
      credentials: { kind: 'apiToken', token: 'wrong' },
    });

    const failure = collect(directory(config));

    await expect(failure).rejects.toThrow(OktaCredentialsError);
    await expect(failure).rejects.toThrow(
      /401 E0000011: Invalid token provided/,
    );
    expect(org.listRequests()).toHaveLength(1);
  });

  it('reports an invalid search expression as OktaRequestError', async () => {
    const config = tokenConfig({ userSearch: 'profile.login zz "x"' });

    await expect(collect(directory(config))).rejects.toThrow(OktaRequestError);
  });
});

describe('OktaDirectory with a service app', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  function serviceAppConfig(): OktaConfig {
    return tokenConfig({
      credentials: {
        kind: 'privateKey',
        clientId: '0oafakeclient',
        privateKey: pem,
        keyId: 'fake-key-1',
      },
    });
  }

  it('gets an access token and lists users with it', async () => {
    org.seed(3);

    const pages = await collect(directory(serviceAppConfig()));

    expect(ids(pages)).toHaveLength(3);
    expect(org.requests[0]?.path).toBe('/oauth2/v1/token');
    expect(org.listRequests()[0]?.authorization).toBe(
      'Bearer fake-access-token',
    );
  });

  it('completes the DPoP nonce handshake the token endpoint asks for', async () => {
    org.seed(2);
    org.requireDpopNonce = true;

    const pages = await collect(directory(serviceAppConfig()));

    expect(ids(pages)).toHaveLength(2);
    expect(
      org.requests.filter((r) => r.path === '/oauth2/v1/token'),
    ).toHaveLength(2);
    expect(org.listRequests()[0]?.authorization).toBe('DPoP fake-access-token');
  });

  it('names the token endpoint refusal instead of a later 401', async () => {
    org.seed(3);
    org.refuseTokens = true;

    const failure = collect(directory(serviceAppConfig()));

    await expect(failure).rejects.toThrow(OktaCredentialsError);
    await expect(failure).rejects.toThrow(
      /token endpoint refused the service app \(401 invalid_client: The client_assertion signature is invalid\.\)/,
    );
    expect(org.listRequests()).toHaveLength(0);
    expect(
      org.requests.filter((r) => r.path === '/oauth2/v1/token'),
    ).toHaveLength(1);
  });
});
