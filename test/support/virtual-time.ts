/**
 * A clock and sleep for the Okta request executor that skip waits instead
 * of spending them, recording each one, so rate-limit and backoff tests run
 * in milliseconds.
 */
export interface VirtualTime {
  readonly clock: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly waits: number[];
}

export function virtualTime(): VirtualTime {
  let skipped = 0;
  const waits: number[] = [];
  return {
    clock: () => Date.now() + skipped,
    sleep: (ms, signal) => {
      signal?.throwIfAborted();
      waits.push(ms);
      skipped += ms;
      return Promise.resolve();
    },
    waits,
  };
}
