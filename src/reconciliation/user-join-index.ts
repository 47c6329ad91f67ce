import type { OktaUser } from '../okta/okta-user.js';
import type { StoredUser } from '../storage/stored-user.js';

/** What the sync keeps in memory about each stored user during a run. */
export interface IndexedUser {
  readonly id: string;
  readonly version: number;
  readonly userName: string;
  readonly active: boolean;
  readonly oktaId: string | undefined;
  readonly externalId: string | undefined;
}

export function indexedUserOf(user: StoredUser): IndexedUser {
  const { userName, externalId, active } = user.resource;
  return {
    id: user.id,
    version: user.version,
    userName: typeof userName === 'string' ? userName : '',
    active: active !== false,
    oktaId: user.provenance.oktaId,
    externalId: typeof externalId === 'string' ? externalId : undefined,
  };
}

/**
 * Joins Okta users to stored users: by the Okta id a sync recorded, then by
 * an externalId equal to the Okta id (what Okta's SCIM push usually sends),
 * then by a userName equal to the login, case-insensitively (RFC 7643 §4.1.1
 * makes userName caseExact false). The two fallbacks only reach users no
 * other Okta user owns, so one person is never joined to two Okta users.
 * A few small maps per user keep 100,000 users in tens of megabytes.
 */
export class UserJoinIndex {
  readonly #byId = new Map<string, IndexedUser>();
  readonly #byOktaId = new Map<string, string>();
  readonly #byExternalId = new Map<string, string>();
  readonly #byUserName = new Map<string, string>();
  /** Stored id → the Okta id it was joined to in this run. */
  readonly #claims = new Map<string, string>();

  get size(): number {
    return this.#byId.size;
  }

  /** Adds a user, or replaces what is known about it after a write. */
  put(user: StoredUser): void {
    this.#remove(user.id);
    const entry = indexedUserOf(user);
    this.#byId.set(entry.id, entry);
    if (entry.oktaId) this.#byOktaId.set(entry.oktaId, entry.id);
    if (entry.externalId) this.#byExternalId.set(entry.externalId, entry.id);
    this.#byUserName.set(entry.userName.toLowerCase(), entry.id);
  }

  find(oktaUser: OktaUser): IndexedUser | undefined {
    const linked = this.#entry(this.#byOktaId.get(oktaUser.id));
    if (linked) return linked;
    const candidates = [
      this.#entry(this.#byExternalId.get(oktaUser.id)),
      this.#entry(this.#byUserName.get(oktaUser.profile.login.toLowerCase())),
    ];
    return candidates.find(
      (entry) => entry && this.isJoinable(entry, oktaUser.id),
    );
  }

  /** True when the stored user may be joined to this Okta user. */
  isJoinable(entry: IndexedUser, oktaId: string): boolean {
    const claimedBy = this.#claims.get(entry.id);
    return (
      (entry.oktaId === undefined || entry.oktaId === oktaId) &&
      (claimedBy === undefined || claimedBy === oktaId)
    );
  }

  claim(id: string, oktaId: string): void {
    this.#claims.set(id, oktaId);
  }

  /** Users a sync has joined to Okta before, as far as this run knows. */
  linkedUsers(): IndexedUser[] {
    return [...this.#byId.values()].filter((entry) => entry.oktaId);
  }

  #entry(id: string | undefined): IndexedUser | undefined {
    return id === undefined ? undefined : this.#byId.get(id);
  }

  #remove(id: string): void {
    const entry = this.#byId.get(id);
    if (!entry) return;
    this.#byId.delete(id);
    deleteIfPointsTo(this.#byOktaId, entry.oktaId, id);
    deleteIfPointsTo(this.#byExternalId, entry.externalId, id);
    deleteIfPointsTo(this.#byUserName, entry.userName.toLowerCase(), id);
  }
}

function deleteIfPointsTo(
  map: Map<string, string>,
  key: string | undefined,
  id: string,
): void {
  if (key !== undefined && map.get(key) === id) map.delete(key);
}
