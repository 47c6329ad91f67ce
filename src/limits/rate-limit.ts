/** The answer of a rate limit for one request. */
export type RateLimitDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number };

/** Counts events per key over a window, across every web process. */
export interface RateLimit {
  /** Counts one event for `key`; refused, with the wait, once over. */
  take(key: string): Promise<RateLimitDecision>;
}
