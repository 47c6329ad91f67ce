import { describe, expect, it } from 'vitest';

import { toScimError } from '../../../src/http/scim-error-response.js';
import { RequestBodyError } from '../../../src/http/request-body-error.js';
import { ScimError } from '../../../src/scim/scim-error.js';
import {
  UserNameTakenError,
  UserNotFoundError,
  VersionConflictError,
} from '../../../src/storage/storage-errors.js';

function summary(error: ScimError) {
  return {
    status: error.status,
    scimType: error.scimType,
    detail: error.detail,
  };
}

describe('toScimError', () => {
  it('passes a ScimError through unchanged', () => {
    const error = new ScimError(400, 'invalidPath', 'bad path');
    expect(toScimError(error, 'r1')).toBe(error);
  });

  it('maps the storage errors to 404, 409 uniqueness and 412', () => {
    expect(summary(toScimError(new UserNotFoundError('u1'), 'r1'))).toEqual({
      status: 404,
      scimType: undefined,
      detail:
        'No user has id "u1". It may have been deleted; search by userName ' +
        'to find its current id.',
    });
    expect(
      toScimError(new UserNameTakenError('a@example.com', 'u2'), 'r1'),
    ).toMatchObject({ status: 409, scimType: 'uniqueness' });
    expect(
      summary(toScimError(new VersionConflictError('u1', 2, 3), 'r1')),
    ).toEqual({
      status: 412,
      scimType: undefined,
      detail:
        'User "u1" changed while this request was applied: it is now at ' +
        'version W/"3". Read it again and retry with its current ETag.',
    });
  });

  it('maps malformed bodies to 400 invalidSyntax and large ones to 413', () => {
    expect(
      toScimError(new RequestBodyError('malformed', 'not JSON'), 'r1'),
    ).toMatchObject({ status: 400, scimType: 'invalidSyntax' });
    expect(
      summary(toScimError(new RequestBodyError('tooLarge', 'too big'), 'r1')),
    ).toEqual({ status: 413, scimType: undefined, detail: 'too big' });
  });

  it('hides anything else behind a 500 that quotes the request id', () => {
    const hidden = [
      new Error('connection to 10.0.0.5:6379 lost'),
      new TypeError('x is undefined'),
      Object.assign(new Error('Bad Request'), { status: 400 }),
      'a thrown string',
    ];
    for (const error of hidden) {
      expect(summary(toScimError(error, 'req-7'))).toEqual({
        status: 500,
        scimType: undefined,
        detail:
          'Ferry could not complete the request because of an internal ' +
          'error. Retry later; if it persists, report request id req-7.',
      });
    }
  });
});
