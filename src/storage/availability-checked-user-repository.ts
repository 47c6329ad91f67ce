import type { RedisAvailability } from './redis-availability.js';
import type { Actor, StoredUser } from './stored-user.js';
import type {
  UserContent,
  UserListQuery,
  UserPage,
  UserRepository,
} from './user-repository.js';

/**
 * A UserRepository whose calls wait a bounded time for Redis and fail with
 * StoreUnavailableError when it is away (redis-availability.ts), so that
 * the HTTP edge can answer 503 rather than 500 or a hung request.
 */
export class AvailabilityCheckedUserRepository implements UserRepository {
  constructor(
    private readonly inner: UserRepository,
    private readonly availability: RedisAvailability,
  ) {}

  getById(id: string): Promise<StoredUser | undefined> {
    return this.availability.run(() => this.inner.getById(id));
  }

  getByOktaId(oktaId: string): Promise<StoredUser | undefined> {
    return this.availability.run(() => this.inner.getByOktaId(oktaId));
  }

  getByUserName(userName: string): Promise<StoredUser | undefined> {
    return this.availability.run(() => this.inner.getByUserName(userName));
  }

  list(query: UserListQuery): Promise<UserPage> {
    return this.availability.run(() => this.inner.list(query));
  }

  async *scan(batchSize: number): AsyncGenerator<readonly StoredUser[]> {
    const batches = this.inner.scan(batchSize)[Symbol.asyncIterator]();
    try {
      for (;;) {
        const step = await this.availability.run(() => batches.next());
        if (step.done) return;
        yield step.value;
      }
    } finally {
      await batches.return?.();
    }
  }

  count(): Promise<number> {
    return this.availability.run(() => this.inner.count());
  }

  create(content: UserContent, actor: Actor): Promise<StoredUser> {
    return this.availability.run(() => this.inner.create(content, actor));
  }

  replace(
    current: StoredUser,
    next: UserContent,
    actor: Actor,
  ): Promise<StoredUser> {
    return this.availability.run(() =>
      this.inner.replace(current, next, actor),
    );
  }

  delete(current: StoredUser, actor: Actor): Promise<void> {
    return this.availability.run(() => this.inner.delete(current, actor));
  }
}
