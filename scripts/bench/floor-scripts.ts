// The floor's Redis work, modelled on Ferry's scripts in src/storage/scripts/
// with the same keys touched for an Okta-shaped user: a create checks the
// userName index, writes the record, the userName and externalId index
// entries (an email equal to the userName has none, as in Ferry), the
// paging order and an audit event; a write re-reads the version, checks the
// userName holder, writes the record and an audit event.

/**
 * KEYS: 1 record, 2 userName index, 3 externalId index, 4 paging order,
 *       5 creation sequence, 6 events.
 * ARGV: 1 id, 2 record JSON, 3 userName key, 4 externalId ('' for none),
 *       5 events' approximate maximum length, 6.. event field/value pairs.
 * Reply: 1, or 0 when the userName is taken.
 */
export const FLOOR_CREATE_LUA = `
if redis.call('HGET', KEYS[2], ARGV[3]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
if ARGV[4] ~= '' then
  local held = redis.call('HGET', KEYS[3], ARGV[4])
  redis.call('HSET', KEYS[3], ARGV[4], held and (held .. ' ' .. ARGV[1]) or ARGV[1])
end
redis.call('ZADD', KEYS[4], redis.call('INCR', KEYS[5]), ARGV[1])
redis.call('XADD', KEYS[6], 'MAXLEN', '~', ARGV[5], '*', unpack(ARGV, 6, #ARGV))
return 1
`;

/**
 * KEYS: 1 record, 2 userName index, 3 events.
 * ARGV: 1 id, 2 expected version, 3 record JSON, 4 userName key,
 *       5 events' approximate maximum length, 6.. event field/value pairs.
 * Reply: 1; 0 when missing; -1 on a version conflict; -2 when taken.
 */
export const FLOOR_WRITE_LUA = `
local record = redis.call('GET', KEYS[1])
if not record then return 0 end
if string.match(record, '^{"version":(%d+),') ~= ARGV[2] then return -1 end
local holder = redis.call('HGET', KEYS[2], ARGV[4])
if holder and holder ~= ARGV[1] then return -2 end
redis.call('SET', KEYS[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[4], ARGV[1])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], '*', unpack(ARGV, 6, #ARGV))
return 1
`;

/**
 * KEYS: 1 userName index. ARGV: 1 record key prefix, 2 userName key.
 * Reply: (id, record JSON), or empty.
 */
export const FLOOR_FIND_LUA = `
local id = redis.call('HGET', KEYS[1], ARGV[2])
if not id then return {} end
local record = redis.call('GET', ARGV[1] .. id)
if not record then return {} end
return { id, record }
`;

/**
 * KEYS: 1 paging order. ARGV: 1 record key prefix, 2 first rank, 3 count.
 * Reply: total, then (id, record JSON) pairs.
 */
export const FLOOR_LIST_LUA = `
local reply = { redis.call('ZCARD', KEYS[1]) }
local first = tonumber(ARGV[2])
local ids = redis.call('ZRANGE', KEYS[1], first, first + tonumber(ARGV[3]) - 1)
for _, id in ipairs(ids) do
  reply[#reply + 1] = id
  reply[#reply + 1] = redis.call('GET', ARGV[1] .. id)
end
return reply
`;
