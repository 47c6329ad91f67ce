import { USER_WRITE_PRELUDE } from './user-write-prelude.js';

/**
 * Replaces a user at the expected version. Replies `{'ok'}`, `{'missing'}`,
 * `{'conflict', actualVersion}` or `{'taken', holderId}`. The paging order
 * is left alone: a user keeps its place however often it changes.
 */
export const REPLACE_USER_LUA = `${USER_WRITE_PRELUDE}
local failure = check_version()
if failure then return failure end
local holder = redis.call('HGET', KEYS[2], ARGV[5])
if holder and holder ~= user_id then return { 'taken', holder } end

redis.call('SET', KEYS[1], ARGV[3])
if ARGV[4] ~= ARGV[5] then release_user_name(ARGV[4]) end
redis.call('HSET', KEYS[2], ARGV[5], user_id)
update_indexes()
append_event()
return { 'ok' }
`;
