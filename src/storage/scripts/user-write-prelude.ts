/**
 * Lua shared by the three write scripts. Every write script receives the
 * same keys and the same argument layout, built by user-write-arguments.ts:
 *
 * KEYS: 1 user record, 2 userName index, 3 externalId index, 4 email index,
 *       5 oktaId index, 6 paging order, 7 creation sequence, 8 audit events.
 * ARGV: 1 user id, 2 expected version ('' on create), 3 record JSON ('' on
 *       delete), 4 old userName key ('' on create), 5 new userName key ('' on
 *       delete), 6 the events stream's approximate maximum length, then the
 *       index entries to remove and to add, each as a count followed by
 *       (index name, value) pairs, then the audit event's field/value pairs.
 *
 * Each script makes every check before its first write. Redis runs a script
 * to completion with nothing interleaved, so a record, its index entries and
 * its audit event change together or not at all.
 */
export const USER_WRITE_PRELUDE = `
local user_id = ARGV[1]
local MULTI_VALUED_INDEXES = {
  externalId = KEYS[3],
  email = KEYS[4],
  oktaId = KEYS[5],
}

local function read_entries(position)
  local count = tonumber(ARGV[position])
  local entries = {}
  for i = 1, count do
    entries[i] = { ARGV[position + 2 * i - 1], ARGV[position + 2 * i] }
  end
  return entries, position + 2 * count + 1
end

local removals, additions_position = read_entries(7)
local additions, event_position = read_entries(additions_position)

-- Multi-valued index fields hold space-separated ids; ids never contain
-- spaces, and a field is nearly always held by a single user.
local function add_id(key, field)
  local held = redis.call('HGET', key, field)
  if not held then
    redis.call('HSET', key, field, user_id)
    return
  end
  for id in string.gmatch(held, '%S+') do
    if id == user_id then return end
  end
  redis.call('HSET', key, field, held .. ' ' .. user_id)
end

local function remove_id(key, field)
  local held = redis.call('HGET', key, field)
  if not held then return end
  local kept = {}
  for id in string.gmatch(held, '%S+') do
    if id ~= user_id then kept[#kept + 1] = id end
  end
  if #kept == 0 then
    redis.call('HDEL', key, field)
  else
    redis.call('HSET', key, field, table.concat(kept, ' '))
  end
end

local function update_indexes()
  for _, entry in ipairs(removals) do
    remove_id(MULTI_VALUED_INDEXES[entry[1]], entry[2])
  end
  for _, entry in ipairs(additions) do
    add_id(MULTI_VALUED_INDEXES[entry[1]], entry[2])
  end
end

local function release_user_name(name_key)
  if redis.call('HGET', KEYS[2], name_key) == user_id then
    redis.call('HDEL', KEYS[2], name_key)
  end
end

local function append_event()
  redis.call('XADD', KEYS[8], 'MAXLEN', '~', ARGV[6], '*',
    unpack(ARGV, event_position, #ARGV))
end

-- A record's JSON starts with its version, so the check needs no decoding.
local function check_version()
  local record = redis.call('GET', KEYS[1])
  if not record then return { 'missing' } end
  local version = string.match(record, '^{"version":(%d+),')
  if not version then
    return redis.error_reply('ERR user record ' .. KEYS[1] .. ' has no version')
  end
  if version ~= ARGV[2] then return { 'conflict', version } end
  return nil
end
`;
