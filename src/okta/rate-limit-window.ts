/** Header access as node-fetch's Headers offers it. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** Added to every computed reset: the clocks behind the headers drift. */
const CLOCK_MARGIN_MS = 1_000;

/**
 * What Okta's X-Rate-Limit-Limit/-Remaining/-Reset headers last said about
 * the rate-limit window. Reset is in epoch seconds of Okta's clock, so the
 * wait is measured against the response's Date header, as Okta's SDK
 * documentation advises, and then laid onto the local clock.
 */
export class RateLimitWindow {
  #limit: number | undefined;
  #remaining: number | undefined;
  #resumeAt: number | undefined;

  /** @param reserveShare share of the limit left to other integrations */
  constructor(private readonly reserveShare: number) {}

  observe(headers: HeaderReader, now: number): void {
    const remaining = integerHeader(headers, 'x-rate-limit-remaining');
    if (remaining === undefined) return;
    this.#remaining = remaining;
    this.#limit = integerHeader(headers, 'x-rate-limit-limit');
    this.#resumeAt = this.resetTime(headers, now);
  }

  /** The local time to wait for before the next request, if any. */
  pauseUntil(now: number): number | undefined {
    if (this.#remaining === undefined || this.#resumeAt === undefined) {
      return undefined;
    }
    const reserve = Math.floor((this.#limit ?? 0) * this.reserveShare);
    if (this.#remaining > reserve || now >= this.#resumeAt) return undefined;
    return this.#resumeAt;
  }

  /** The local time at which the window the headers describe resets. */
  resetTime(headers: HeaderReader, now: number): number | undefined {
    const resetSeconds = integerHeader(headers, 'x-rate-limit-reset');
    if (resetSeconds === undefined) return undefined;
    const serverNow = Date.parse(headers.get('date') ?? '');
    const untilReset =
      resetSeconds * 1000 - (Number.isNaN(serverNow) ? now : serverNow);
    return now + Math.max(0, untilReset) + CLOCK_MARGIN_MS;
  }
}

/** Duplicated headers arrive comma-joined and are not trusted. */
function integerHeader(
  headers: HeaderReader,
  name: string,
): number | undefined {
  const text = headers.get(name);
  if (text === null || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
