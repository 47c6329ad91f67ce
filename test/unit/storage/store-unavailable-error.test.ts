import { MaxRetriesPerRequestError, ReplyError } from 'ioredis';
import { describe, expect, it } from 'vitest';

import { UserNotFoundError } from '../../../src/storage/storage-errors.js';
import {
  asStoreError,
  isRedisUnavailable,
  StoreUnavailableError,
} from '../../../src/storage/store-unavailable-error.js';

const replyError = (message: string) =>
  new (ReplyError as new (message: string) => Error)(message);

describe('isRedisUnavailable', () => {
  it('is true for the ways ioredis reports an absent or slow Redis', () => {
    expect(isRedisUnavailable(new MaxRetriesPerRequestError(0))).toBe(true);
    expect(isRedisUnavailable(new Error('Connection is closed.'))).toBe(true);
    expect(isRedisUnavailable(new Error('Command timed out'))).toBe(true);
  });

  it('is true for error replies of a Redis that cannot serve yet', () => {
    for (const code of [
      'OOM',
      'LOADING',
      'BUSY',
      'MASTERDOWN',
      'READONLY',
      'TRYAGAIN',
      'CLUSTERDOWN',
    ]) {
      expect(isRedisUnavailable(replyError(`${code} try later`))).toBe(true);
    }
  });

  it('is false for other error replies and for Ferry’s own errors', () => {
    expect(
      isRedisUnavailable(replyError('WRONGTYPE Operation against a key')),
    ).toBe(false);
    expect(
      isRedisUnavailable(replyError('ERR user record has no version')),
    ).toBe(false);
    expect(isRedisUnavailable(new UserNotFoundError('x'))).toBe(false);
    expect(isRedisUnavailable(new TypeError('bug'))).toBe(false);
    expect(isRedisUnavailable('a string')).toBe(false);
  });
});

describe('asStoreError', () => {
  it('wraps an outage, keeping the cause, and passes anything else through', () => {
    const cause = new Error('Connection is closed.');
    const wrapped = asStoreError(cause);
    expect(wrapped).toBeInstanceOf(StoreUnavailableError);
    expect((wrapped as Error).cause).toBe(cause);
    const notFound = new UserNotFoundError('x');
    expect(asStoreError(notFound)).toBe(notFound);
    const already = new StoreUnavailableError();
    expect(asStoreError(already)).toBe(already);
  });
});
