import { USER_WRITE_PRELUDE } from './user-write-prelude.js';

/**
 * Deletes a user at the expected version, with all its index entries.
 * Replies `{'ok'}`, `{'missing'}` or `{'conflict', actualVersion}`.
 */
export const DELETE_USER_LUA = `${USER_WRITE_PRELUDE}
local failure = check_version()
if failure then return failure end

redis.call('DEL', KEYS[1])
release_user_name(ARGV[4])
update_indexes()
redis.call('ZREM', KEYS[6], user_id)
append_event()
return { 'ok' }
`;
