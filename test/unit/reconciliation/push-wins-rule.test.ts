import { describe, expect, it } from 'vitest';

import { oktaChangeIsNewerThanPush } from '../../../src/reconciliation/push-wins-rule.js';

describe('oktaChangeIsNewerThanPush', () => {
  it('lets the sync write a user that was never pushed', () => {
    expect(oktaChangeIsNewerThanPush('2025-01-01T00:00:00.000Z', {})).toBe(
      true,
    );
  });

  it('lets the sync write when Okta changed the user after the push', () => {
    const provenance = { lastPushAt: '2025-01-01T00:00:00.000Z' };

    expect(
      oktaChangeIsNewerThanPush('2025-01-01T00:00:00.001Z', provenance),
    ).toBe(true);
  });

  it('keeps the push when Okta changed the user before it', () => {
    const provenance = { lastPushAt: '2025-01-01T00:00:00.000Z' };

    expect(
      oktaChangeIsNewerThanPush('2024-12-31T23:59:59.999Z', provenance),
    ).toBe(false);
  });

  it('keeps the push when both happened at the same instant', () => {
    const provenance = { lastPushAt: '2025-01-01T01:00:00+01:00' };

    expect(
      oktaChangeIsNewerThanPush('2025-01-01T00:00:00.000Z', provenance),
    ).toBe(false);
  });

  it('keeps the push when the push time cannot be read', () => {
    expect(
      oktaChangeIsNewerThanPush('2025-01-01T00:00:00.000Z', {
        lastPushAt: 'soon',
      }),
    ).toBe(false);
  });
});
