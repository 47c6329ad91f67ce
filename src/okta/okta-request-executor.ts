import { RequestExecutor } from '@okta/okta-sdk-nodejs';
import type { Logger } from 'pino';

import {
  OktaCredentialsError,
  OktaRateLimitedError,
  OktaUnavailableError,
  pathOf,
} from './okta-errors.js';
import { RateLimitWindow } from './rate-limit-window.js';

/** node-fetch's options as the SDK passes them; `timeout` is node-fetch 2's. */
type SdkRequest = Parameters<RequestExecutor['fetch']>[0] & {
  timeout?: number;
};

/** The parts of node-fetch's Response this executor reads. */
interface FetchedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  clone(): FetchedResponse;
  text(): Promise<string>;
}

export interface OktaPacingOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  readonly clock?: () => number;
  /** Resolves after `ms`, rejects when `signal` aborts; injectable. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly signal?: AbortSignal;
  /** Pause once no more than this share of the limit remains. */
  readonly reserveShare?: number;
  /** Tries per request when Okta answers 5xx or the network fails. */
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Longest one request may spend waiting and retrying in total. */
  readonly maxWaitMs?: number;
  /** node-fetch's per-attempt timeout. */
  readonly requestTimeoutMs?: number;
  readonly logger?: Logger;
}

/** Defaults chosen for an hourly sync sharing the org's rate limit. */
export const DEFAULT_OKTA_PACING = {
  reserveShare: 0.1,
  maxAttempts: 6,
  backoffBaseMs: 1_000,
  backoffMaxMs: 30_000,
  maxWaitMs: 5 * 60_000,
  requestTimeoutMs: 60_000,
} as const;

type Attempt =
  { readonly response: FetchedResponse } | { readonly failure: string };

/**
 * The SDK's request executor, replaced: one request at a time, paced by
 * Okta's X-Rate-Limit-* headers (a pause once the reserve is reached, a wait
 * until the reset on 429), 5xx answers and network failures retried with
 * exponential backoff, all within a time bound per request. It also turns a
 * refusal by the OAuth token endpoint into OktaCredentialsError, which the
 * SDK would otherwise swallow and follow with `Bearer undefined`.
 */
export class PacedRequestExecutor extends RequestExecutor {
  readonly #options: Required<Omit<OktaPacingOptions, 'signal' | 'logger'>>;
  readonly #signal: AbortSignal | undefined;
  readonly #logger: Logger | undefined;
  readonly #window: RateLimitWindow;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: OktaPacingOptions = {}) {
    super();
    this.#options = {
      ...DEFAULT_OKTA_PACING,
      clock: Date.now,
      sleep: sleepFor,
      ...withoutUndefined(options),
    };
    this.#signal = options.signal;
    this.#logger = options.logger;
    this.#window = new RateLimitWindow(this.#options.reserveShare);
  }

  override fetch(request: SdkRequest): Promise<FetchedResponse> {
    const sent = this.#queue.then(() => this.#send(request));
    this.#queue = sent.catch(() => undefined);
    return sent;
  }

  async #send(request: SdkRequest): Promise<FetchedResponse> {
    const { clock, maxAttempts, maxWaitMs } = this.#options;
    const deadline = clock() + maxWaitMs;
    const path = pathOf(request.url);
    request.timeout = this.#options.requestTimeoutMs;
    for (let attempt = 1; ; attempt += 1) {
      await this.#waitForQuota(deadline, path);
      const result = await this.#attempt(request);
      if ('response' in result) {
        const answer = await this.#judge(result.response, path);
        if (answer === 'accept') return result.response;
        if (answer === 'rate-limited') {
          await this.#waitForReset(result.response, deadline, path, attempt);
          continue;
        }
      }
      const failure =
        'failure' in result ? result.failure : describe(result.response);
      if (attempt >= maxAttempts) {
        throw new OktaUnavailableError(attempt, failure, path);
      }
      await this.#backOff(attempt, deadline, failure, path);
    }
  }

  async #attempt(request: SdkRequest): Promise<Attempt> {
    this.#signal?.throwIfAborted();
    try {
      const response = (await super.fetch(request)) as FetchedResponse;
      if (!isTokenPath(request.url)) {
        this.#window.observe(response.headers, this.#options.clock());
      }
      return { response };
    } catch (error) {
      if (this.#signal?.aborted) throw error;
      return {
        failure: error instanceof Error ? error.message : String(error),
      };
    }
  }

  async #judge(
    response: FetchedResponse,
    path: string,
  ): Promise<'accept' | 'rate-limited' | 'retry'> {
    if (response.status === 429) return 'rate-limited';
    if (response.status >= 500) {
      await discardBody(response);
      return 'retry';
    }
    if (isTokenPath(path) && response.status >= 400) {
      await refuseToken(response);
    }
    return 'accept';
  }

  async #waitForQuota(deadline: number, path: string): Promise<void> {
    const resumeAt = this.#window.pauseUntil(this.#options.clock());
    if (resumeAt === undefined) return;
    this.#ensureBefore(resumeAt, deadline, path);
    this.#logger?.info(
      { path, waitMs: resumeAt - this.#options.clock() },
      'okta rate limit reserve reached; pausing until reset',
    );
    await this.#sleepUntil(resumeAt);
  }

  async #waitForReset(
    response: FetchedResponse,
    deadline: number,
    path: string,
    attempt: number,
  ): Promise<void> {
    await discardBody(response);
    const now = this.#options.clock();
    const resumeAt =
      this.#window.resetTime(response.headers, now) ??
      now + this.#backoffMs(attempt);
    this.#ensureBefore(resumeAt, deadline, path);
    this.#logger?.warn(
      { path, waitMs: resumeAt - now },
      'okta answered 429; waiting for the rate limit to reset',
    );
    await this.#sleepUntil(resumeAt);
  }

  async #backOff(
    attempt: number,
    deadline: number,
    failure: string,
    path: string,
  ): Promise<void> {
    const delayMs = this.#backoffMs(attempt);
    if (this.#options.clock() + delayMs > deadline) {
      throw new OktaUnavailableError(attempt, failure, path);
    }
    this.#logger?.warn(
      { path, attempt, delayMs, failure },
      'okta request failed; retrying',
    );
    await this.#options.sleep(delayMs, this.#signal);
  }

  #ensureBefore(resumeAt: number, deadline: number, path: string): void {
    if (resumeAt > deadline) {
      throw new OktaRateLimitedError(
        new Date(resumeAt),
        this.#options.maxWaitMs,
        path,
      );
    }
  }

  #sleepUntil(time: number): Promise<void> {
    const delayMs = Math.max(0, time - this.#options.clock());
    return this.#options.sleep(delayMs, this.#signal);
  }

  /** Exponential, capped, with half of it jittered. */
  #backoffMs(attempt: number): number {
    const { backoffBaseMs, backoffMaxMs } = this.#options;
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }
}

function isTokenPath(url: string | undefined): boolean {
  return pathOf(url).endsWith('/oauth2/v1/token');
}

/**
 * Okta's token endpoint answers 400 `use_dpop_nonce` as part of the DPoP
 * handshake (the SDK repeats the request with the nonce); every other 4xx
 * is a refusal of the service app's credentials (RFC 6749 §5.2).
 */
async function refuseToken(response: FetchedResponse): Promise<void> {
  const body = parseJson(await response.clone().text());
  const error = typeof body.error === 'string' ? body.error : undefined;
  if (response.status === 400 && error === 'use_dpop_nonce') return;
  const description =
    typeof body.error_description === 'string'
      ? `: ${body.error_description}`
      : '';
  throw new OktaCredentialsError(
    response.status,
    `Okta's token endpoint refused the service app (${response.status} ` +
      `${error ?? 'no error code'}${description}). Check OKTA_CLIENT_ID, ` +
      'OKTA_PRIVATE_KEY and OKTA_KEY_ID against the public keys registered ' +
      'for the app, and that okta.users.read is granted',
  );
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function describe(response: FetchedResponse): string {
  return `${response.status} ${response.statusText}`.trim();
}

async function discardBody(response: FetchedResponse): Promise<void> {
  await response.text().catch(() => undefined);
}

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
