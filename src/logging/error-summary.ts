/**
 * An error as Ferry logs it, by allow-list: class, code, message, stack and
 * the same of its cause. Never the error's other fields: an ioredis reply
 * error carries the command's arguments, which hold user records and audit
 * events. Logged under the key `error`: pino's serializer for `err` would
 * put every field back and name the class of the summary, `Object`.
 */
export function errorSummary(error: unknown): {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: unknown;
} {
  if (!(error instanceof Error))
    return { type: typeof error, message: String(error) };
  const code =
    'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return {
    type: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(error.cause === undefined ? {} : { cause: errorSummary(error.cause) }),
  };
}
