import type { UserChange } from './plan-user-changes.js';
import { emptySyncCounts, type SyncCounts } from './sync-counts.js';

/** Conflict lines kept per run; the count says how many there were. */
export const MAX_CONFLICT_MESSAGES = 100;

/** Counts and operator-facing messages of one run, built as it goes. */
export class RunReport {
  readonly counts: SyncCounts = emptySyncCounts();
  readonly messages: string[] = [];
  #conflictLines = 0;

  note(message: string): void {
    this.messages.push(message);
  }

  /** A user left as it was because another write or user stood in the way. */
  conflict(userName: string, reason: string): void {
    this.counts.conflicts += 1;
    this.#conflictLines += 1;
    if (this.#conflictLines <= MAX_CONFLICT_MESSAGES) {
      this.messages.push(`conflict: ${userName}: ${reason}`);
    } else if (this.#conflictLines === MAX_CONFLICT_MESSAGES + 1) {
      this.messages.push(
        `further conflicts are counted but not listed (first ` +
          `${MAX_CONFLICT_MESSAGES} shown)`,
      );
    }
  }

  countWrite(change: UserChange): void {
    if (change.kind === 'create') this.counts.created += 1;
    else if (change.kind === 'update') this.counts.updated += 1;
    else if (change.kind === 'link') this.counts[change.countAs] += 1;
  }
}
