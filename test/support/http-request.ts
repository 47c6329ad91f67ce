import { performance } from 'node:perf_hooks';

export interface TimedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body; undefined when there is none or it is not JSON. */
  readonly json: unknown;
  readonly elapsedMs: number;
}

export interface TimedRequest {
  readonly method?: string;
  readonly token?: string;
  /** An object is sent as JSON (application/scim+json); a string as is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** A request still unanswered after this fails the test. @defaultValue 15000 */
  readonly timeoutMs?: number;
}

/** One HTTP request, timed, that never hangs a test. */
export async function timedRequest(
  url: string,
  init: TimedRequest = {},
): Promise<TimedResponse> {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) {
    headers.set('Authorization', `Bearer ${init.token}`);
  }
  const body =
    typeof init.body === 'string' || init.body === undefined
      ? init.body
      : JSON.stringify(init.body);
  if (body !== undefined && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/scim+json');
  }
  const startedAt = performance.now();
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: parseJson(text),
    elapsedMs: performance.now() - startedAt,
  };
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
