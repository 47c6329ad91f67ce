/**
 * One page of users in paging order, with the total.
 *
 * KEYS: 1 paging order. ARGV: 1 user record key prefix, 2 0-based rank of
 * the first user, 3 how many (0 asks for the total only).
 * Reply: total, then flat (id, record JSON) pairs.
 */
export const LIST_USERS_PAGE_LUA = `
local reply = { redis.call('ZCARD', KEYS[1]) }
local count = tonumber(ARGV[3])
if count == 0 then return reply end

local first = tonumber(ARGV[2])
local ids = redis.call('ZRANGE', KEYS[1], first, first + count - 1)
for _, id in ipairs(ids) do
  reply[#reply + 1] = id
  reply[#reply + 1] = redis.call('GET', ARGV[1] .. id)
end
return reply
`;
