import { RedisScript } from './redis-script.js';
import { CREATE_USER_LUA } from './scripts/create-user-script.js';
import { DELETE_USER_LUA } from './scripts/delete-user-script.js';
import { FIND_USER_BY_USER_NAME_LUA } from './scripts/find-user-by-user-name-script.js';
import { FIND_USERS_LUA } from './scripts/find-users-script.js';
import { LIST_USERS_PAGE_LUA } from './scripts/list-users-page-script.js';
import { REPLACE_USER_LUA } from './scripts/replace-user-script.js';
import { SCAN_USERS_LUA } from './scripts/scan-users-script.js';

export const CREATE_USER = new RedisScript(CREATE_USER_LUA, 8);
export const REPLACE_USER = new RedisScript(REPLACE_USER_LUA, 8);
export const DELETE_USER = new RedisScript(DELETE_USER_LUA, 8);
export const FIND_USERS = new RedisScript(FIND_USERS_LUA, 5);
export const FIND_USER_BY_USER_NAME = new RedisScript(
  FIND_USER_BY_USER_NAME_LUA,
  1,
);
export const LIST_USERS_PAGE = new RedisScript(LIST_USERS_PAGE_LUA, 1);
export const SCAN_USERS = new RedisScript(SCAN_USERS_LUA, 1);

/**
 * Every script the user store runs, for readiness: a store is ready to
 * serve once Redis holds all of them (store-readiness.ts).
 */
export const USER_STORE_SCRIPTS: readonly RedisScript[] = [
  CREATE_USER,
  REPLACE_USER,
  DELETE_USER,
  FIND_USERS,
  FIND_USER_BY_USER_NAME,
  LIST_USERS_PAGE,
  SCAN_USERS,
];
