import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// Ids from a proxy or client are reused so one id follows a request through
// every system; anything else could forge log lines, so it is replaced.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id a request is known by: the one offered, when sane, or a new one. */
export function requestIdFor(offered: string): string {
  return SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
}
