import { describe, expect, it } from 'vitest';

import { errorSummary } from '../../../src/logging/error-summary.js';

describe('errorSummary', () => {
  it('keeps class, code, message and stack, and leaves every other field out', () => {
    const error = Object.assign(new Error('ERR script failed'), {
      code: 'ERR',
      command: { name: 'evalsha', args: ['sha', '8', '{"userName":"ann"}'] },
    });
    const summary = errorSummary(error);
    expect(summary).toEqual({
      type: 'Error',
      message: 'ERR script failed',
      code: 'ERR',
      stack: error.stack,
    });
    expect(JSON.stringify(summary)).not.toContain('userName');
  });

  it('follows the cause the same way', () => {
    const cause = Object.assign(new Error('Connection is closed.'), {
      args: ['secret'],
    });
    const summary = errorSummary(new Error('outer', { cause }));
    expect(summary.cause).toEqual({
      type: 'Error',
      message: 'Connection is closed.',
      stack: cause.stack,
    });
  });

  it('describes a thrown value that is not an Error', () => {
    expect(errorSummary('boom')).toEqual({ type: 'string', message: 'boom' });
  });
});
