import { describe, expect, it } from 'vitest';

import {
  describePosition,
  FilterTokenizer,
  type FilterToken,
} from '../../../../src/scim/filter/filter-tokenizer.js';
import { scimErrorOf } from './filter-notation.js';

function tokenize(text: string): FilterToken[] {
  const tokenizer = new FilterTokenizer(text);
  const tokens: FilterToken[] = [];
  for (let token = tokenizer.next(); ; token = tokenizer.next()) {
    tokens.push(token);
    if (token.kind === 'end') return tokens;
  }
}

function tokenError(text: string): string {
  const error = scimErrorOf(() => tokenize(text));
  expect(error.status).toBe(400);
  expect(error.scimType).toBe('invalidFilter');
  return error.detail;
}

describe('FilterTokenizer', () => {
  it('splits words, strings, numbers and brackets with their offsets', () => {
    expect(tokenize('emails[type eq "work"] and (x gt -1.5e2)')).toEqual([
      { kind: 'word', text: 'emails', start: 0 },
      { kind: '[', start: 6 },
      { kind: 'word', text: 'type', start: 7 },
      { kind: 'word', text: 'eq', start: 12 },
      { kind: 'string', value: 'work', start: 15 },
      { kind: ']', start: 21 },
      { kind: 'word', text: 'and', start: 23 },
      { kind: '(', start: 27 },
      { kind: 'word', text: 'x', start: 28 },
      { kind: 'word', text: 'gt', start: 30 },
      { kind: 'number', value: -150, start: 33 },
      { kind: ')', start: 39 },
      { kind: 'end', start: 40 },
    ]);
  });

  it('reads a schema URN and a $ref sub-attribute as one word', () => {
    const urn =
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.$ref';
    expect(tokenize(urn)[0]).toEqual({ kind: 'word', text: urn, start: 0 });
  });

  it('skips spaces, tabs and line breaks between tokens', () => {
    expect(tokenize(' \ttitle\r\npr ').map((token) => token.kind)).toEqual([
      'word',
      'word',
      'end',
    ]);
  });

  it.each([
    ['0', 0],
    ['42', 42],
    ['-7', -7],
    ['3.25', 3.25],
    ['1e3', 1000],
    ['2.5E-1', 0.25],
    ['-0.5e+1', -5],
  ])('reads the JSON number %s', (text, value) => {
    expect(tokenize(text)[0]).toEqual({ kind: 'number', value, start: 0 });
  });

  it.each(['01', '1.', '-', '1e', '1.5x', '--1'])(
    'rejects the malformed number %s',
    (text) => {
      expect(tokenError(text)).toBe(
        'Invalid number at character 1: numbers follow JSON (RFC 8259 §6), ' +
          'such as 42, -1.5 or 2e3; put text in double quotes.',
      );
    },
  );

  it('decodes every JSON escape', () => {
    const text = String.raw`"\" \\ \/ \b \f \n \r \t \u0041 \u00E9"`;
    expect(tokenize(text)[0]).toEqual({
      kind: 'string',
      value: '" \\ / \b \f \n \r \t A \u00e9',
      start: 0,
    });
  });

  it('rejects unterminated strings, bad escapes and raw control characters', () => {
    expect(tokenError('"abc')).toBe(
      'Unterminated string starting at character 1: close it with a double ' +
        'quote.',
    );
    expect(tokenError('"ab\\')).toBe(
      'Invalid escape at character 4: JSON strings allow \\" \\\\ \\/ \\b ' +
        '\\f \\n \\r \\t and \\uXXXX.',
    );
    expect(tokenError('"\\u12G4"')).toMatch(/^Invalid escape at character 2:/);
    expect(tokenError('"a\tb"')).toBe(
      'Control character in string at character 3: escape it as JSON ' +
        'requires, for example \\n or \\u0009.',
    );
  });

  it('rejects characters that start no token', () => {
    expect(tokenError('title pr & x')).toBe(
      'Unexpected character "&" at character 10.',
    );
  });

  it('starts at an offset and reports where reading stopped', () => {
    const tokenizer = new FilterTokenizer('emails[type pr].value', 6);
    expect(tokenizer.next()).toEqual({ kind: '[', start: 6 });
    tokenizer.next();
    tokenizer.next();
    expect(tokenizer.next()).toEqual({ kind: ']', start: 14 });
    expect(tokenizer.offset).toBe(15);
  });

  it('peeks without consuming', () => {
    const tokenizer = new FilterTokenizer('title pr');
    expect(tokenizer.peek()).toEqual(tokenizer.next());
    expect(tokenizer.next()).toEqual({ kind: 'word', text: 'pr', start: 6 });
  });
});

describe('describePosition', () => {
  it('counts characters from one', () => {
    expect(describePosition(0)).toBe('at character 1');
  });
});
