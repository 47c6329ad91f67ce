import type { JsonObject } from '../scim/json.js';
import type { Actor, StoredUser } from '../storage/stored-user.js';
import type { UserRepository } from '../storage/user-repository.js';
import { applyUserChanges, type UserWrite } from './apply-user-changes.js';
import { planDeactivations } from './plan-deactivations.js';
import type { RunReport } from './run-report.js';
import type { IndexedUser, UserJoinIndex } from './user-join-index.js';

export interface DeactivationInput {
  readonly repository: UserRepository;
  readonly actor: Actor;
  readonly maxDeactivationShare: number;
  readonly writeBatchSize?: number;
  readonly index: UserJoinIndex;
  readonly seenOktaIds: ReadonlySet<string>;
  readonly report: RunReport;
  /** ISO time of the writes. */
  readonly now: string;
}

/**
 * Sets `active: false` on the joined users a complete listing lacked, unless
 * the brake holds. Each write is conditional on the version the run last
 * knew: a user written by anyone since then is left alone and reported.
 */
export async function deactivateMissingUsers(
  input: DeactivationInput,
): Promise<void> {
  const plan = planDeactivations(
    input.index.linkedUsers(),
    input.seenOktaIds,
    input.maxDeactivationShare,
  );
  if (plan.brakeMessage !== undefined) {
    input.report.note(plan.brakeMessage);
    return;
  }
  const batchSize = input.writeBatchSize ?? 100;
  for (let start = 0; start < plan.toDeactivate.length; start += batchSize) {
    await deactivateBatch(
      input,
      plan.toDeactivate.slice(start, start + batchSize),
    );
  }
  if (plan.missing > 0) {
    input.report.note(
      `${input.report.counts.deactivated} users deactivated that Okta no ` +
        'longer lists',
    );
  }
}

async function deactivateBatch(
  input: DeactivationInput,
  entries: readonly IndexedUser[],
): Promise<void> {
  const current = await Promise.all(
    entries.map((entry) => input.repository.getById(entry.id)),
  );
  // Only a user the run last saw at this very version is deactivated.
  const unchanged = entries.flatMap((entry, at) => {
    const user = current[at];
    if (user && user.version === entry.version) return [{ entry, user }];
    reportChanged(input, entry);
    return [];
  });
  const outcomes = await applyUserChanges(
    input.repository,
    unchanged.map(({ user }) => deactivation(user, input.now)),
    input.actor,
    input.writeBatchSize,
  );
  outcomes.forEach((outcome, at) => {
    if (outcome.kind === 'written') input.report.counts.deactivated += 1;
    else reportChanged(input, unchanged[at]!.entry);
  });
}

function reportChanged(input: DeactivationInput, entry: IndexedUser): void {
  input.report.conflict(
    entry.userName,
    'Okta no longer lists this user, but it changed during the sync; ' +
      'not deactivated',
  );
}

function deactivation(user: StoredUser, now: string): UserWrite {
  const resource: JsonObject = { ...user.resource, active: false };
  delete resource.id;
  delete resource.meta;
  return {
    kind: 'replace',
    current: user,
    next: { resource, provenance: { ...user.provenance, lastSyncAt: now } },
  };
}
