import type { FilterExpression } from '../scim/filter/filter-expression.js';
import type { JsonObject } from '../scim/json.js';
import type { Actor, StoredUser, UserProvenance } from './stored-user.js';

export interface UserListQuery {
  readonly filter: FilterExpression | undefined;
  /** 1-based, already clamped to at least 1 (RFC 7644 §3.4.2.4). */
  readonly startIndex: number;
  /** Already capped; 0 asks for the total only. */
  readonly count: number;
}

export interface UserPage {
  readonly totalResults: number;
  readonly users: readonly StoredUser[];
}

/**
 * The attributes a write sets: a SCIM resource without `id` and `meta`,
 * already validated and normalised by the SCIM layer.
 */
export interface UserContent {
  readonly resource: JsonObject;
  readonly provenance: UserProvenance;
  /**
   * For a replace, what changedAttributes(current.resource, resource)
   * returns, when the caller has already computed it; the store computes
   * it otherwise.
   */
  readonly changed?: readonly string[];
}

/**
 * Ferry's user store. Every write is atomic together with its index updates
 * and its audit event. Replace and delete are conditional on the version of
 * the `current` record the caller read, and throw VersionConflictError when
 * the user changed underneath; callers re-read and retry, or report 412.
 */
export interface UserRepository {
  getById(id: string): Promise<StoredUser | undefined>;
  getByOktaId(oktaId: string): Promise<StoredUser | undefined>;
  getByUserName(userName: string): Promise<StoredUser | undefined>;
  list(query: UserListQuery): Promise<UserPage>;
  /** Every user, in batches, in the stable paging order. */
  scan(batchSize: number): AsyncIterable<readonly StoredUser[]>;
  count(): Promise<number>;

  /** Throws UserNameTakenError. */
  create(content: UserContent, actor: Actor): Promise<StoredUser>;
  /** Throws UserNotFoundError, VersionConflictError, UserNameTakenError. */
  replace(
    current: StoredUser,
    next: UserContent,
    actor: Actor,
  ): Promise<StoredUser>;
  /** Throws UserNotFoundError, VersionConflictError. */
  delete(current: StoredUser, actor: Actor): Promise<void>;
}
