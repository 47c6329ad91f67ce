/** A script or command answered in a shape the store never produces. */
export class UnexpectedRedisReplyError extends Error {
  override readonly name = 'UnexpectedRedisReplyError';
  readonly code = 'UNEXPECTED_REDIS_REPLY';

  constructor(readonly expected: string) {
    super(`Redis replied with something other than ${expected}`);
  }
}

export function replyArray(reply: unknown): readonly unknown[] {
  if (!Array.isArray(reply)) throw new UnexpectedRedisReplyError('an array');
  return reply;
}

export function replyString(value: unknown): string {
  if (typeof value !== 'string') {
    throw new UnexpectedRedisReplyError('a string');
  }
  return value;
}

/** Integer replies arrive as numbers, scores and versions as strings. */
export function replyNumber(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number)) {
    throw new UnexpectedRedisReplyError('a number');
  }
  return number;
}
