import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  parseUserQuery,
  UnsupportedQueryError,
  type UserPredicate,
} from './fake-okta-query.js';

export interface FakeOktaUser {
  id: string;
  status: string;
  created: string;
  lastUpdated: string;
  profile: Record<string, string | null>;
}

export interface NewFakeOktaUser {
  readonly login: string;
  readonly status?: string;
  readonly lastUpdated?: Date;
  readonly profile?: Record<string, string | null>;
}

/** Answers the fake org gives instead of a page, in order. */
export interface ListFault {
  /** List requests answered normally before this fault applies. */
  readonly afterRequests?: number;
  readonly status: number;
  /** How many list requests in a row get it (default 1). */
  readonly times?: number;
  /** For 429: seconds until X-Rate-Limit-Reset (default 1). */
  readonly resetSeconds?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
}

export interface FakeOktaOrgOptions {
  readonly apiToken?: string;
  /** X-Rate-Limit-Limit per window (default 600, Okta's list-users limit). */
  readonly rateLimit?: number;
  readonly windowSeconds?: number;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
}

export const FAKE_ACCESS_TOKEN = 'fake-access-token';

/**
 * An Okta org on 127.0.0.1 that answers GET /api/v1/users and the OAuth
 * token endpoint the way Okta does (pages of at most 200 with Link headers
 * carrying an opaque `after` cursor, `filter` and `search`, DEPROVISIONED
 * users left out of the plain listing, X-Rate-Limit-* and Date headers),
 * plus scripted faults: 429s, 5xx, an empty page with a next link, and a
 * token endpoint that refuses the client.
 */
export class FakeOktaOrg {
  readonly requests: RecordedRequest[] = [];
  readonly apiToken: string;
  /** Runs before each list request is answered (to race writes, or delay). */
  onListRequest: ((query: URLSearchParams) => Promise<void>) | undefined;
  /** The n-th page (1-based) of the plain listing comes back empty first. */
  emptyPageAt: number | undefined;
  refuseTokens = false;
  /** Demand a DPoP nonce first, as Okta does for DPoP-bound service apps. */
  requireDpopNonce = false;

  readonly #users = new Map<string, FakeOktaUser>();
  #sortedIds: string[] | undefined;
  #faults: (ListFault & { skip: number; left: number })[] = [];
  #nextNumber = 1;
  #window = { endsAt: 0, used: 0 };
  #url = '';

  private constructor(
    private readonly server: Server,
    private readonly options: FakeOktaOrgOptions,
  ) {
    this.apiToken = options.apiToken ?? 'fake-ssws-token';
  }

  static async start(options: FakeOktaOrgOptions = {}): Promise<FakeOktaOrg> {
    const server = createServer();
    const org = new FakeOktaOrg(server, options);
    server.on(
      'request',
      (request: IncomingMessage, response: ServerResponse) => {
        org.handle(request, response).catch((error: unknown) => {
          response.statusCode = 500;
          response.end(String(error));
        });
      },
    );
    await new Promise<void>((resolve) =>
      server.listen(options.port ?? 0, '127.0.0.1', resolve),
    );
    org.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return org;
  }

  get url(): string {
    return this.#url;
  }

  get users(): readonly FakeOktaUser[] {
    return this.#sorted().map((id) => this.#users.get(id)!);
  }

  user(id: string): FakeOktaUser {
    const user = this.#users.get(id);
    if (!user) throw new Error(`no fake Okta user ${id}`);
    return user;
  }

  addUser(input: NewFakeOktaUser): FakeOktaUser {
    const number = this.#nextNumber++;
    const id = `00u${number.toString(36).padStart(13, '0')}fake`;
    const at = (input.lastUpdated ?? new Date()).toISOString();
    const user: FakeOktaUser = {
      id,
      status: input.status ?? 'ACTIVE',
      created: at,
      lastUpdated: at,
      profile: { login: input.login, email: input.login, ...input.profile },
    };
    this.#users.set(id, user);
    this.#sortedIds = undefined;
    return user;
  }

  /** Adds `count` ACTIVE users with a full profile, logins user<n>@… */
  seed(count: number, domain = 'example.com'): FakeOktaUser[] {
    const at = new Date(Date.now() - 60_000);
    return Array.from({ length: count }, () => {
      const n = this.#nextNumber;
      return this.addUser({
        login: `user${n}@${domain}`,
        lastUpdated: at,
        profile: sampleProfile(n),
      });
    });
  }

  /** Changes a user as an Okta admin would; lastUpdated moves to `at`. */
  updateUser(
    id: string,
    changes: { profile?: Record<string, string | null>; status?: string },
    at: Date = new Date(),
  ): FakeOktaUser {
    const user = this.user(id);
    Object.assign(user.profile, changes.profile);
    if (changes.status) user.status = changes.status;
    user.lastUpdated = at.toISOString();
    return user;
  }

  /** Deletes for good: Okta keeps no trace a listing could show. */
  deleteUser(id: string): void {
    this.#users.delete(id);
    this.#sortedIds = undefined;
  }

  scriptListFaults(...faults: ListFault[]): void {
    this.#faults.push(
      ...faults.map((f) => ({
        ...f,
        skip: f.afterRequests ?? 0,
        left: f.times ?? 1,
      })),
    );
  }

  listRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/api/v1/users');
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', this.#url);
    this.requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.authorization,
    });
    if (url.pathname === '/oauth2/v1/token' && request.method === 'POST') {
      await drain(request);
      return this.#answerToken(request, response);
    }
    if (url.pathname !== '/api/v1/users' || request.method !== 'GET') {
      return sendJson(
        response,
        404,
        oktaError(
          'E0000022',
          'The endpoint does not support the provided HTTP method',
        ),
      );
    }
    if (!this.#authorized(request.headers.authorization)) {
      return sendJson(
        response,
        401,
        oktaError('E0000011', 'Invalid token provided'),
      );
    }
    await this.onListRequest?.(url.searchParams);
    if (this.#answerFault(response)) return;
    this.#answerPage(url.searchParams, response);
  }

  #answerToken(request: IncomingMessage, response: ServerResponse): void {
    if (this.requireDpopNonce && !String(request.headers.dpop).includes('.')) {
      return sendJson(response, 400, { error: 'invalid_dpop_proof' });
    }
    if (this.requireDpopNonce && !dpopHasNonce(request.headers.dpop)) {
      response.setHeader('DPoP-Nonce', 'fake-nonce-1');
      return sendJson(response, 400, {
        error: 'use_dpop_nonce',
        error_description: 'Authorization server requires nonce in DPoP proof.',
      });
    }
    if (this.refuseTokens) {
      return sendJson(response, 401, {
        error: 'invalid_client',
        error_description: 'The client_assertion signature is invalid.',
      });
    }
    sendJson(response, 200, {
      token_type: this.requireDpopNonce ? 'DPoP' : 'Bearer',
      expires_in: 3600,
      access_token: FAKE_ACCESS_TOKEN,
      scope: 'okta.users.read',
    });
  }

  #authorized(header: string | undefined): boolean {
    return (
      header === `SSWS ${this.apiToken}` ||
      header === `Bearer ${FAKE_ACCESS_TOKEN}` ||
      header === `DPoP ${FAKE_ACCESS_TOKEN}`
    );
  }

  #answerFault(response: ServerResponse): boolean {
    const fault = this.#faults[0];
    if (!fault) return false;
    if (fault.skip > 0) {
      fault.skip -= 1;
      return false;
    }
    fault.left -= 1;
    if (fault.left <= 0) this.#faults.shift();
    if (fault.status === 429) {
      const reset = Math.ceil(Date.now() / 1000) + (fault.resetSeconds ?? 1);
      response.setHeader('X-Rate-Limit-Limit', String(this.#limit()));
      response.setHeader('X-Rate-Limit-Remaining', '0');
      response.setHeader('X-Rate-Limit-Reset', String(reset));
      sendJson(
        response,
        429,
        oktaError(
          'E0000047',
          'API call exceeded rate limit due to too many requests.',
        ),
      );
    } else {
      sendJson(
        response,
        fault.status,
        oktaError('E0000009', 'Internal Server Error'),
      );
    }
    return true;
  }

  #answerPage(query: URLSearchParams, response: ServerResponse): void {
    let predicate: UserPredicate;
    try {
      predicate = this.#predicateFor(query);
    } catch (error) {
      if (!(error instanceof UnsupportedQueryError)) throw error;
      return sendJson(
        response,
        400,
        oktaError('E0000031', 'Invalid search criteria.'),
      );
    }
    const limit = Math.min(
      Math.max(Number(query.get('limit') ?? 200) || 200, 1),
      200,
    );
    const cursor = readCursor(query.get('after'));
    const plain = !query.has('filter') && !query.has('search');
    const links = [`<${this.#pageUrl(query, query.get('after'))}>; rel="self"`];
    if (plain && cursor.page + 1 === this.emptyPageAt && !cursor.emptied) {
      const next = writeCursor({ ...cursor, emptied: true });
      links.push(`<${this.#pageUrl(query, next)}>; rel="next"`);
      return this.#sendPage(response, [], links);
    }
    const { page, more } = this.#select(predicate, cursor.after, limit);
    const last = page.at(-1);
    if (more && last) {
      const next = writeCursor({
        after: last.id,
        page: cursor.page + 1,
        emptied: false,
      });
      links.push(`<${this.#pageUrl(query, next)}>; rel="next"`);
    }
    this.#sendPage(response, page, links);
  }

  #predicateFor(query: URLSearchParams): UserPredicate {
    const search = query.get('search');
    const filter = query.get('filter');
    if (search !== null) return parseUserQuery(search, 'search');
    if (filter !== null) return parseUserQuery(filter, 'filter');
    return (user) => user.status !== 'DEPROVISIONED';
  }

  #select(predicate: UserPredicate, after: string, limit: number) {
    const ids = this.#sorted();
    const page: FakeOktaUser[] = [];
    let at = after === '' ? 0 : upperBound(ids, after);
    for (; at < ids.length; at += 1) {
      const user = this.#users.get(ids[at]!)!;
      if (!predicate(user)) continue;
      if (page.length === limit) return { page, more: true };
      page.push(user);
    }
    return { page, more: false };
  }

  #sendPage(
    response: ServerResponse,
    users: FakeOktaUser[],
    links: string[],
  ): void {
    this.#spendRateLimit(response);
    response.setHeader('Link', links);
    sendJson(
      response,
      200,
      users.map((user) => this.#toJson(user)),
    );
  }

  #spendRateLimit(response: ServerResponse): void {
    const now = Date.now();
    const windowMs = (this.options.windowSeconds ?? 60) * 1000;
    if (now >= this.#window.endsAt)
      this.#window = { endsAt: now + windowMs, used: 0 };
    this.#window.used += 1;
    response.setHeader('X-Rate-Limit-Limit', String(this.#limit()));
    response.setHeader(
      'X-Rate-Limit-Remaining',
      String(Math.max(0, this.#limit() - this.#window.used)),
    );
    response.setHeader(
      'X-Rate-Limit-Reset',
      String(Math.ceil(this.#window.endsAt / 1000)),
    );
  }

  #limit(): number {
    return this.options.rateLimit ?? 600;
  }

  #pageUrl(query: URLSearchParams, after: string | null): string {
    const params = new URLSearchParams(query);
    params.delete('after');
    if (after !== null) params.set('after', after);
    params.set('limit', params.get('limit') ?? '200');
    return `${this.#url}/api/v1/users?${params.toString()}`;
  }

  #toJson(user: FakeOktaUser) {
    return {
      id: user.id,
      status: user.status,
      created: user.created,
      activated: null,
      statusChanged: null,
      lastLogin: null,
      lastUpdated: user.lastUpdated,
      passwordChanged: null,
      type: { id: 'oty0000000000000fake' },
      profile: user.profile,
      credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
      _links: { self: { href: `${this.#url}/api/v1/users/${user.id}` } },
    };
  }

  #sorted(): string[] {
    this.#sortedIds ??= [...this.#users.keys()].sort();
    return this.#sortedIds;
  }
}

interface Cursor {
  readonly after: string;
  readonly page: number;
  readonly emptied: boolean;
}

/** Okta's cursors are opaque; this one hides the last id and page number. */
function writeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function readCursor(text: string | null): Cursor {
  if (text === null) return { after: '', page: 0, emptied: false };
  return JSON.parse(Buffer.from(text, 'base64url').toString()) as Cursor;
}

function upperBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function sampleProfile(n: number): Record<string, string> {
  return {
    firstName: `First${n}`,
    lastName: `Last${n}`,
    displayName: `First${n} Last${n}`,
    title: 'Engineer',
    department: `Department ${n % 20}`,
    employeeNumber: String(100_000 + n),
    costCenter: `CC-${n % 7}`,
    locale: 'en_US',
    timezone: 'Europe/London',
  };
}

function oktaError(errorCode: string, errorSummary: string) {
  return {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: `oae${Math.random().toString(36).slice(2, 12)}`,
    errorCauses: [],
  };
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json');
  response.end(JSON.stringify(body));
}

/** Reads the `nonce` claim of a DPoP proof (a JWT) without checking it. */
function dpopHasNonce(proof: string | string[] | undefined): boolean {
  const payload = typeof proof === 'string' ? proof.split('.')[1] : undefined;
  if (payload === undefined) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    nonce?: unknown;
  };
  return typeof claims.nonce === 'string';
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const _chunk of request) {
    // The fake accepts any client assertion; the body is not read.
  }
}
