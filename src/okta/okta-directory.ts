import { Client, type Collection } from '@okta/okta-sdk-nodejs';
import type { Logger } from 'pino';

import type { OktaConfig } from '../config/app-config.js';
import { translateOktaError } from './okta-errors.js';
import {
  PacedRequestExecutor,
  type OktaPacingOptions,
} from './okta-request-executor.js';
import { readOktaUser, type OktaUserPage } from './okta-user.js';

/** Okta's largest page for GET /api/v1/users. */
export const OKTA_MAX_PAGE_SIZE = 200;

/** The scope a service app needs to list users. */
export const OKTA_SYNC_SCOPES = ['okta.users.read'];

export interface OktaDirectoryOptions {
  readonly config: OktaConfig;
  readonly pacing?: OktaPacingOptions;
  readonly logger?: Logger;
  readonly pageSize?: number;
}

/** One request for a listing, as `UserApi.listUsers` takes it. */
interface ListingQuery {
  readonly search?: string;
  readonly filter?: string;
}

/**
 * Ferry's view of an Okta org: every user, page by page, through the
 * official SDK with a pacing request executor and no response cache.
 */
export class OktaDirectory {
  readonly #client: Client;
  readonly #pageSize: number;
  readonly #search: string | undefined;

  constructor(options: OktaDirectoryOptions) {
    this.#client = new Client({
      ...credentialSettings(options.config),
      // The SDK builds API URLs from the raw orgUrl: a trailing slash would
      // double the slash in every path and Okta would answer 404.
      orgUrl: options.config.orgUrl.replace(/\/+$/, ''),
      requestExecutor: new PacedRequestExecutor({
        ...options.pacing,
        ...(options.logger ? { logger: options.logger } : {}),
      }),
      cacheMiddleware: null,
    });
    this.#pageSize = Math.min(
      options.pageSize ?? OKTA_MAX_PAGE_SIZE,
      OKTA_MAX_PAGE_SIZE,
    );
    this.#search = options.config.userSearch;
  }

  /**
   * Every user, DEPROVISIONED ones included: Okta's plain listing omits
   * them, so they follow in a second listing filtered on that status
   * (`filter` reads the same store as the plain listing; `search` reads an
   * eventually consistent copy). With OKTA_USER_SEARCH set, one `search`
   * listing, which includes DEPROVISIONED users by itself. Every page is
   * followed to the end; an empty page does not end the listing.
   */
  async *listAllUsers(): AsyncGenerator<OktaUserPage> {
    const queries: ListingQuery[] = this.#search
      ? [{ search: this.#search }]
      : [{}, { filter: 'status eq "DEPROVISIONED"' }];
    for (const query of queries) yield* this.#pagesOf(query);
  }

  async *#pagesOf(query: ListingQuery): AsyncGenerator<OktaUserPage> {
    const collection = await this.#client.userApi
      .listUsers({ ...query, limit: this.#pageSize })
      .catch(rethrowTranslated);
    // getNextPage() answers one whole page and clears nextUri after the
    // last one; the item iterator would stand in a null for an empty page.
    while (hasNextPage(collection)) {
      const items = await collection.getNextPage().catch(rethrowTranslated);
      yield readPage(items);
    }
  }
}

function credentialSettings(config: OktaConfig) {
  const credentials = config.credentials;
  if (credentials.kind === 'apiToken') return { token: credentials.token };
  return {
    authorizationMode: 'PrivateKey',
    clientId: credentials.clientId,
    scopes: OKTA_SYNC_SCOPES,
    privateKey: credentials.privateKey,
    ...(credentials.keyId ? { keyId: credentials.keyId } : {}),
  };
}

function hasNextPage(collection: Collection<unknown>): boolean {
  return typeof collection.nextUri === 'string' && collection.nextUri !== '';
}

function readPage(items: readonly unknown[]): OktaUserPage {
  const users = [];
  let unreadable = 0;
  for (const item of items) {
    if (item === null || item === undefined) continue;
    const user = readOktaUser(item);
    if (user) users.push(user);
    else unreadable += 1;
  }
  return { users, unreadable };
}

function rethrowTranslated(error: unknown): never {
  throw translateOktaError(error);
}
