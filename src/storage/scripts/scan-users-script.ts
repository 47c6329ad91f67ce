/**
 * The next users in paging order after a creation sequence. Walking by
 * sequence rather than by rank means a user deleted mid-walk never makes
 * the walk skip another.
 *
 * KEYS: 1 paging order. ARGV: 1 user record key prefix, 2 lower bound as a
 * ZRANGEBYSCORE min (`-inf`, or `(<sequence>` to exclude it), 3 how many.
 * Reply: flat (id, creation sequence, record JSON) triples.
 */
export const SCAN_USERS_LUA = `
local entries = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[2], '+inf',
  'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
local reply = {}
for i = 1, #entries, 2 do
  reply[#reply + 1] = entries[i]
  reply[#reply + 1] = entries[i + 1]
  reply[#reply + 1] = redis.call('GET', ARGV[1] .. entries[i])
end
return reply
`;
