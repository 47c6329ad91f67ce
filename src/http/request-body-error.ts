/** Why a request body could not be read as JSON. */
export type RequestBodyProblem =
  'malformed' | 'tooLarge' | 'unsupportedEncoding' | 'unreadable';

const STATUS_BY_PROBLEM: Readonly<Record<RequestBodyProblem, number>> = {
  malformed: 400,
  tooLarge: 413,
  unsupportedEncoding: 415,
  unreadable: 400,
};

/**
 * The body parser's failures, translated once so the error middleware can
 * recognise them by class: its own errors carry no `expose` flag and only
 * loosely typed `status` and `type` fields.
 */
export class RequestBodyError extends Error {
  override readonly name = 'RequestBodyError';
  readonly code = 'REQUEST_BODY_UNUSABLE';
  readonly status: number;

  constructor(
    readonly problem: RequestBodyProblem,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.status = STATUS_BY_PROBLEM[problem];
  }
}

/** Maps an error thrown by @koa/bodyparser (co-body, raw-body). */
export function toRequestBodyError(
  error: unknown,
  limitBytes: number,
): RequestBodyError | undefined {
  if (error instanceof SyntaxError) {
    return new RequestBodyError(
      'malformed',
      `The request body is not valid JSON: ${error.message}. ` +
        'Send a JSON object.',
    );
  }
  if (isDecompressionError(error)) {
    return new RequestBodyError(
      'unreadable',
      'The request body could not be decompressed as its Content-Encoding ' +
        'says. Send it uncompressed, or compressed with that encoding.',
      { cause: error },
    );
  }
  switch (parserErrorType(error)) {
    case 'entity.too.large':
      return new RequestBodyError(
        'tooLarge',
        `The request body is larger than the ${limitBytes} bytes Ferry ` +
          'accepts (FERRY_MAX_BODY_BYTES). Send a smaller body.',
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new RequestBodyError(
        'unsupportedEncoding',
        'The request body uses an encoding Ferry cannot read. Send UTF-8 ' +
          'JSON, uncompressed or with gzip, deflate or br.',
      );
    case 'request.aborted':
    case 'request.size.invalid':
      return new RequestBodyError(
        'unreadable',
        'The request body ended before its Content-Length. Send it again.',
      );
    default:
      return undefined;
  }
}

function parserErrorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('type' in error && typeof error.type === 'string') return error.type;
  // The decompressing stream answers an unknown Content-Encoding with a
  // bare 415 error that has no type.
  if ('status' in error && error.status === 415) return 'encoding.unsupported';
  return undefined;
}

/** zlib's codes are `Z_…` for gzip and deflate, `ERR__ERROR_…` for br. */
function isDecompressionError(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  const code = error.code;
  return (
    typeof code === 'string' &&
    (code.startsWith('Z_') || code.startsWith('ERR__ERROR_'))
  );
}
