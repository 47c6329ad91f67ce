import { describe, expect, it } from 'vitest';

import {
  RequestBodyError,
  toRequestBodyError,
} from '../../../src/http/request-body-error.js';

describe('toRequestBodyError', () => {
  it('keeps the JSON parser message, which gives the position', () => {
    const error = toRequestBodyError(
      new SyntaxError('Unexpected token } in JSON at position 9'),
      1024,
    );
    expect(error).toEqual(
      new RequestBodyError(
        'malformed',
        'The request body is not valid JSON: Unexpected token } in JSON at ' +
          'position 9. Send a JSON object.',
      ),
    );
    expect(error?.status).toBe(400);
  });

  it('names the limit and its variable for a body too large', () => {
    const error = toRequestBodyError(
      Object.assign(new Error('request entity too large'), {
        type: 'entity.too.large',
        status: 413,
      }),
      2048,
    );
    expect(error?.status).toBe(413);
    expect(error?.detail).toBe(
      'The request body is larger than the 2048 bytes Ferry accepts ' +
        '(FERRY_MAX_BODY_BYTES). Send a smaller body.',
    );
  });

  it('maps an unknown content encoding to 415', () => {
    const error = toRequestBodyError(
      Object.assign(new Error('unsupported content encoding "zstd"'), {
        type: 'encoding.unsupported',
      }),
      1024,
    );
    expect(error?.status).toBe(415);
  });

  it('leaves errors it does not recognise alone', () => {
    expect(toRequestBodyError(new Error('socket hang up'), 1024)).toBe(
      undefined,
    );
  });
});
