/**
 * Resolves index lookups to users in one round trip.
 *
 * KEYS: 1 userName index, 2 externalId index, 3 email index, 4 oktaId index,
 *       5 paging order.
 * ARGV: 1 user record key prefix, then (kind, value) pairs; kind is `id`,
 *       `userName`, `externalId`, `email` or `oktaId`, and userName and email
 *       values come lower-cased.
 * Reply: flat (id, creation sequence, record JSON) triples, each user once.
 *
 * An email equal to its user's userName, and an oktaId equal to its user's
 * externalId, are not repeated in their own index (user-index-entries.ts),
 * so those lookups also consult the index that holds them. Callers check
 * each record against what they asked for.
 */
export const FIND_USERS_LUA = `
local found = {}
local reply = {}

local function collect(id)
  if found[id] then return end
  found[id] = true
  local sequence = redis.call('ZSCORE', KEYS[5], id)
  if not sequence then return end
  reply[#reply + 1] = id
  reply[#reply + 1] = sequence
  reply[#reply + 1] = redis.call('GET', ARGV[1] .. id)
end

local SOURCES = {
  userName = { KEYS[1] },
  externalId = { KEYS[2] },
  email = { KEYS[3], KEYS[1] },
  oktaId = { KEYS[4], KEYS[2] },
}

for i = 2, #ARGV, 2 do
  local kind, value = ARGV[i], ARGV[i + 1]
  if kind == 'id' then
    collect(value)
  else
    for _, index in ipairs(SOURCES[kind]) do
      local held = redis.call('HGET', index, value)
      if held then
        for id in string.gmatch(held, '%S+') do collect(id) end
      end
    end
  end
end
return reply
`;
