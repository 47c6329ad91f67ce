import type { RedisAvailability } from '../storage/redis-availability.js';
import type { TokenLookup } from './token-authenticator.js';

/**
 * A TokenLookup whose reads fail with StoreUnavailableError while Redis is
 * away, so that a request is answered 503, not 401 or 500: a token cannot
 * be checked, which says nothing about whether it is good.
 */
export function availabilityCheckedTokenLookup(
  lookup: TokenLookup,
  availability: RedisAvailability,
): TokenLookup {
  return {
    findByHash: (secretHash) =>
      availability.run(() => lookup.findByHash(secretHash)),
    touch: (secretHash, usedAt) =>
      availability.run(() => lookup.touch(secretHash, usedAt)),
  };
}
