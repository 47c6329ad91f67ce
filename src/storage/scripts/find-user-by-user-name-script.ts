/**
 * The user holding a userName, in one round trip: Okta's existence check
 * (`userName eq "…"`) before every create, so the most frequent lookup
 * gets a script of its own rather than the general one's tables and
 * paging-order reads (find-users-script.ts). userName is unique, so there
 * is at most one user and no order to establish.
 *
 * KEYS: 1 userName index.
 * ARGV: 1 user record key prefix, 2 the userName, lower-cased.
 * Reply: (id, record JSON), or an empty array.
 */
export const FIND_USER_BY_USER_NAME_LUA = `
local id = redis.call('HGET', KEYS[1], ARGV[2])
if not id then return {} end
local json = redis.call('GET', ARGV[1] .. id)
if not json then return {} end
return { id, json }
`;
