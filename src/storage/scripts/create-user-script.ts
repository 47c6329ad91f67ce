import { USER_WRITE_PRELUDE } from './user-write-prelude.js';

/**
 * Creates a user unless another holds its lower-cased userName. Replies
 * `{'ok'}` or `{'taken', holderId}`.
 */
export const CREATE_USER_LUA = `${USER_WRITE_PRELUDE}
local holder = redis.call('HGET', KEYS[2], ARGV[5])
if holder then return { 'taken', holder } end

redis.call('SET', KEYS[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[5], user_id)
update_indexes()
redis.call('ZADD', KEYS[6], redis.call('INCR', KEYS[7]), user_id)
append_event()
return { 'ok' }
`;
