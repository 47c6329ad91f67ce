import type { OktaUser, OktaUserPage } from '../okta/okta-user.js';
import type { Actor, StoredUser } from '../storage/stored-user.js';
import type { UserRepository } from '../storage/user-repository.js';
import {
  applyUserChanges,
  type UserWrite,
  type WriteOutcome,
} from './apply-user-changes.js';
import { deactivateMissingUsers } from './deactivate-missing-users.js';
import { planUserChange, type UserChange } from './plan-user-changes.js';
import { RunReport } from './run-report.js';
import type { SyncCounts } from './sync-counts.js';
import { indexedUserOf, UserJoinIndex } from './user-join-index.js';

export interface ReconcileOptions {
  readonly repository: UserRepository;
  /** Recorded on every write, for the audit trail. */
  readonly actor: Actor;
  /** Share of joined active users a run may deactivate (0 to 1). */
  readonly maxDeactivationShare: number;
  readonly now?: () => Date;
  /** Stops the run after the page in hand; nothing is deactivated. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (counts: Readonly<SyncCounts>) => Promise<void>;
  readonly writeBatchSize?: number;
}

export type ListingOutcome =
  | { readonly state: 'complete' }
  | { readonly state: 'failed'; readonly error: unknown }
  | { readonly state: 'aborted' };

export interface ReconcileResult {
  readonly counts: SyncCounts;
  readonly listing: ListingOutcome;
  readonly messages: readonly string[];
}

/**
 * Brings the store in line with an Okta listing, page by page (DESIGN.md
 * "Okta sync", steps 2 to 5). A listing that throws part-way, or is
 * aborted, keeps the changes already made for the users it did list (each
 * stands on its own) but deactivates nobody. Errors of the store end the
 * run by throwing.
 */
export async function reconcileOktaUsers(
  pages: AsyncIterable<OktaUserPage>,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  const run = new Reconciliation(options, await buildIndex(options.repository));
  const listing = await run.followListing(pages);
  await run.finish(listing);
  return { counts: run.report.counts, listing, messages: run.report.messages };
}

async function buildIndex(repository: UserRepository): Promise<UserJoinIndex> {
  const index = new UserJoinIndex();
  for await (const batch of repository.scan(1000)) {
    for (const user of batch) index.put(user);
  }
  return index;
}

class Reconciliation {
  readonly report = new RunReport();
  readonly #seenOktaIds = new Set<string>();
  #unreadable = 0;

  constructor(
    private readonly options: ReconcileOptions,
    private readonly index: UserJoinIndex,
  ) {}

  async followListing(
    pages: AsyncIterable<OktaUserPage>,
  ): Promise<ListingOutcome> {
    const iterator = pages[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<OktaUserPage>;
      try {
        next = await iterator.next();
      } catch (error) {
        if (this.options.signal?.aborted) return { state: 'aborted' };
        return { state: 'failed', error };
      }
      if (next.done) return { state: 'complete' };
      await this.#reconcilePage(next.value);
      await this.options.onProgress?.(this.report.counts);
      if (this.options.signal?.aborted) {
        await iterator.return?.();
        return { state: 'aborted' };
      }
    }
  }

  async finish(listing: ListingOutcome): Promise<void> {
    if (listing.state !== 'complete') {
      this.report.note('listing did not finish; no users deactivated');
      return;
    }
    if (this.#unreadable > 0) {
      this.report.note(
        `${this.#unreadable} Okta users could not be read; ` +
          'no users deactivated, since they might be among them',
      );
      return;
    }
    await deactivateMissingUsers({
      ...this.options,
      index: this.index,
      seenOktaIds: this.#seenOktaIds,
      report: this.report,
      now: this.#now(),
    });
  }

  async #reconcilePage(page: OktaUserPage): Promise<void> {
    this.report.counts.seen += page.users.length + page.unreadable;
    this.report.counts.errors += page.unreadable;
    this.#unreadable += page.unreadable;
    for (const user of page.users) this.#seenOktaIds.add(user.id);

    const stored = await Promise.all(
      page.users.map((user) => this.#joinedUser(user)),
    );
    const now = this.#now();
    const changes = page.users.map((user, at) =>
      planUserChange(user, stored[at], now),
    );
    await this.#apply(page.users, changes);
  }

  async #joinedUser(oktaUser: OktaUser): Promise<StoredUser | undefined> {
    const entry = this.index.find(oktaUser);
    if (!entry) return undefined;
    this.index.claim(entry.id, oktaUser.id);
    return this.options.repository.getById(entry.id);
  }

  async #apply(
    oktaUsers: readonly OktaUser[],
    changes: readonly UserChange[],
  ): Promise<void> {
    const pending: { oktaUser: OktaUser; change: UserChange }[] = [];
    changes.forEach((change, at) => {
      if (change.kind === 'unchanged' || change.kind === 'skippedPushNewer') {
        this.report.counts[change.kind] += 1;
      } else {
        pending.push({ oktaUser: oktaUsers[at]!, change });
      }
    });
    const outcomes = await applyUserChanges(
      this.options.repository,
      pending.map(({ change }) => writeFor(change)),
      this.options.actor,
      this.options.writeBatchSize,
    );
    for (const [at, outcome] of outcomes.entries()) {
      const { oktaUser, change } = pending[at]!;
      await this.#record(oktaUser, change, outcome, true);
    }
  }

  async #record(
    oktaUser: OktaUser,
    change: UserChange,
    outcome: WriteOutcome,
    mayRejoin: boolean,
  ): Promise<void> {
    if (outcome.kind === 'written') {
      this.index.put(outcome.user);
      this.report.countWrite(change);
    } else if (outcome.kind === 'conflict') {
      this.report.conflict(
        userNameOf(change, oktaUser),
        'changed by another write during the sync; that write was kept',
      );
    } else if (change.kind === 'create' && mayRejoin) {
      await this.#rejoin(oktaUser, outcome.error.holderId);
    } else {
      this.report.conflict(
        userNameOf(change, oktaUser),
        `Okta user ${oktaUser.id} now has the login ` +
          `${oktaUser.profile.login}, ` +
          `which another user (${outcome.error.holderId}) holds as userName; ` +
          'left unchanged',
      );
    }
  }

  /**
   * A create found the login taken: usually a push created the user after
   * the run read the store. Join that user if it is free and plan again.
   */
  async #rejoin(oktaUser: OktaUser, holderId: string): Promise<void> {
    const holder = await this.options.repository.getById(holderId);
    const free =
      holder && this.index.isJoinable(indexedUserOf(holder), oktaUser.id);
    if (!holder || !free) {
      this.report.conflict(
        oktaUser.profile.login,
        `Okta user ${oktaUser.id} has this login, but another user ` +
          `(${holderId}) holds the userName; not created`,
      );
      return;
    }
    this.index.put(holder);
    this.index.claim(holder.id, oktaUser.id);
    const change = planUserChange(oktaUser, holder, this.#now());
    if (change.kind === 'unchanged' || change.kind === 'skippedPushNewer') {
      this.report.counts[change.kind] += 1;
      return;
    }
    const [outcome] = await applyUserChanges(
      this.options.repository,
      [writeFor(change)],
      this.options.actor,
    );
    await this.#record(oktaUser, change, outcome!, false);
  }

  #now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}

function writeFor(change: UserChange): UserWrite {
  if (change.kind === 'create') return change;
  if (change.kind === 'update' || change.kind === 'link') {
    return { kind: 'replace', current: change.current, next: change.next };
  }
  throw new TypeError(`a ${change.kind} change writes nothing`);
}

function userNameOf(change: UserChange, oktaUser: OktaUser): string {
  if (change.kind === 'create') return oktaUser.profile.login;
  const { userName } = change.current.resource;
  return typeof userName === 'string' ? userName : oktaUser.profile.login;
}
