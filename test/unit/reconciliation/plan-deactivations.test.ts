import { describe, expect, it } from 'vitest';

import { planDeactivations } from '../../../src/reconciliation/plan-deactivations.js';
import type { IndexedUser } from '../../../src/reconciliation/user-join-index.js';

function linked(count: number, active = true): IndexedUser[] {
  return Array.from({ length: count }, (_, n) => ({
    id: `s${n}`,
    version: 1,
    userName: `user${n}`,
    active,
    oktaId: `00u${n}`,
    externalId: undefined,
  }));
}

function seenAllBut(
  users: readonly IndexedUser[],
  missing: number,
): Set<string> {
  return new Set(users.slice(missing).map((user) => user.oktaId!));
}

describe('planDeactivations', () => {
  it('deactivates the joined active users Okta no longer lists', () => {
    const users = linked(20);

    const plan = planDeactivations(users, seenAllBut(users, 2), 0.1);

    expect(plan.toDeactivate.map((u) => u.id)).toEqual(['s0', 's1']);
    expect(plan.brakeMessage).toBeUndefined();
  });

  it('ignores users that are inactive already', () => {
    const plan = planDeactivations(linked(5, false), new Set(), 0.1);

    expect(plan.toDeactivate).toEqual([]);
    expect(plan.population).toBe(0);
  });

  it('deactivates none and says why when the share exceeds the limit', () => {
    const users = linked(10_000);

    const plan = planDeactivations(users, seenAllBut(users, 1_200), 0.1);

    expect(plan.toDeactivate).toEqual([]);
    expect(plan.missing).toBe(1_200);
    expect(plan.brakeMessage).toBe(
      'deactivation brake: 1,200 of 10,000 (12%) exceeds 10%; none deactivated ' +
        '(SYNC_MAX_DEACTIVATION_SHARE sets the limit)',
    );
  });

  it('allows a share exactly at the limit', () => {
    const users = linked(10);

    expect(
      planDeactivations(users, seenAllBut(users, 1), 0.1).toDeactivate,
    ).toHaveLength(1);
  });
});
