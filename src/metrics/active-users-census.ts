import type { Logger } from 'pino';

import type { StoredUser } from '../storage/stored-user.js';
import type { UserRepository } from '../storage/user-repository.js';
import { errorSummary } from '../logging/error-summary.js';

export interface ActiveUsersCount {
  /** Users whose `active` is not false (RFC 7643 §4.1.1; absent is active). */
  readonly active: number;
  /** When the pass that counted them finished. */
  readonly countedAt: Date;
}

export interface ActiveUsersCensusOptions {
  readonly users: Pick<UserRepository, 'scan'>;
  readonly logger: Logger;
  /** Users read per step. @defaultValue 500 */
  readonly batchSize?: number;
  /** Time between steps. @defaultValue 1000 */
  readonly intervalMs?: number;
  readonly clock?: () => Date;
}

/**
 * Counts active users by walking the directory a batch at a time, one
 * batch per interval, and publishing the count when a pass ends; then it
 * starts over. The store keeps no count of active users, and one full scan
 * per scrape would cost as much as the directory is large; this costs a
 * bounded 500 records a second, and the count is at most one pass old
 * (a million users: about 35 minutes). A pass that fails (Redis away) is
 * dropped and started again.
 */
export class ActiveUsersCensus {
  private latest: ActiveUsersCount | undefined;
  private pass: AsyncIterator<readonly StoredUser[]> | undefined;
  private counted = 0;
  private stepping = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ActiveUsersCensusOptions) {}

  /** The last finished pass; undefined until one has finished. */
  get count(): ActiveUsersCount | undefined {
    return this.latest;
  }

  start(): void {
    void this.step();
    this.timer = setInterval(
      () => void this.step(),
      this.options.intervalMs ?? 1000,
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    void this.pass?.return?.();
    this.pass = undefined;
  }

  /** Reads one batch, or publishes the count at the end of a pass. */
  async step(): Promise<void> {
    if (this.stepping) return;
    this.stepping = true;
    try {
      if (this.pass === undefined) {
        const batches = this.options.users.scan(this.options.batchSize ?? 500);
        this.pass = batches[Symbol.asyncIterator]();
      }
      const next = await this.pass.next();
      if (next.done) {
        this.finishPass();
        return;
      }
      this.counted += next.value.filter(isActive).length;
    } catch (error) {
      this.options.logger.debug(
        { error: errorSummary(error) },
        'active user count restarted',
      );
      this.pass = undefined;
      this.counted = 0;
    } finally {
      this.stepping = false;
    }
  }

  private finishPass(): void {
    const clock = this.options.clock ?? (() => new Date());
    this.latest = { active: this.counted, countedAt: clock() };
    this.pass = undefined;
    this.counted = 0;
  }
}

function isActive(user: StoredUser): boolean {
  return user.resource.active !== false;
}
