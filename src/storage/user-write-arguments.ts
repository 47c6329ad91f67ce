import { auditEventFields, type AuditEvent } from '../audit/audit-event.js';
import type { UserStoreKeys } from './redis-keys.js';
import {
  replyArray,
  replyNumber,
  replyString,
  UnexpectedRedisReplyError,
} from './redis-reply.js';
import {
  UserNameTakenError,
  UserNotFoundError,
  VersionConflictError,
} from './storage-errors.js';
import type { Actor } from './stored-user.js';
import {
  indexChanges,
  type IndexEntry,
  type UserIndexEntries,
} from './user-index-entries.js';

/** Everything one write script needs (scripts/user-write-prelude.ts). */
export interface UserWrite {
  readonly userId: string;
  /** The userName the write asks for, as given, for UserNameTakenError. */
  readonly userName: string;
  /** Undefined for a creation. */
  readonly expectedVersion: number | undefined;
  /** Undefined for a deletion. */
  readonly recordJson: string | undefined;
  /** Undefined for a creation. */
  readonly before: UserIndexEntries | undefined;
  /** Undefined for a deletion. */
  readonly after: UserIndexEntries | undefined;
  readonly maxEvents: number;
  readonly event: AuditEvent;
}

/** `token:<name>` or `sync:<runId>`, as the audit trail records actors. */
export function actorLabel(actor: Actor): string {
  return `${actor.kind}:${actor.name}`;
}

export function userWriteKeys(keys: UserStoreKeys, userId: string): string[] {
  return [
    keys.user(userId),
    keys.userNameIndex,
    keys.externalIdIndex,
    keys.emailIndex,
    keys.oktaIdIndex,
    keys.order,
    keys.sequence,
    keys.events,
  ];
}

export function userWriteArguments(write: UserWrite): string[] {
  // The same entries before and after: a replace that changed no indexed
  // value (redis-user-repository.ts), with nothing to compare.
  const { removals, additions } =
    write.before === write.after
      ? { removals: [], additions: [] }
      : indexChanges(write.before?.entries ?? [], write.after?.entries ?? []);
  return [
    write.userId,
    write.expectedVersion === undefined ? '' : String(write.expectedVersion),
    write.recordJson ?? '',
    write.before?.userNameKey ?? '',
    write.after?.userNameKey ?? '',
    String(write.maxEvents),
    ...flattenEntries(removals),
    ...flattenEntries(additions),
    ...auditEventFields(write.event),
  ];
}

/** Turns a write script's reply into success or the matching typed error. */
export function checkUserWriteReply(reply: unknown, write: UserWrite): void {
  const [outcome, detail] = replyArray(reply);
  switch (replyString(outcome)) {
    case 'ok':
      return;
    case 'missing':
      throw new UserNotFoundError(write.userId);
    case 'conflict':
      throw new VersionConflictError(
        write.userId,
        write.expectedVersion ?? 0,
        replyNumber(detail),
      );
    case 'taken':
      throw new UserNameTakenError(write.userName, replyString(detail));
    default:
      throw new UnexpectedRedisReplyError('a write outcome');
  }
}

function flattenEntries(entries: readonly IndexEntry[]): string[] {
  return [
    String(entries.length),
    ...entries.flatMap((entry) => [entry.index, entry.value]),
  ];
}
