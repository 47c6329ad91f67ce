import { invalidFilter, type ScimError } from '../scim-error.js';

/**
 * One lexical unit of a filter (RFC 7644 §3.4.2.2, Figure 1). A `word` is an
 * attribute path, an operator or a literal such as `true`; which one it is
 * depends on where it stands, so the parser decides. `start` is the 0-based
 * offset of the token in the text.
 */
export type FilterToken =
  | { readonly kind: 'word'; readonly text: string; readonly start: number }
  | { readonly kind: 'string'; readonly value: string; readonly start: number }
  | { readonly kind: 'number'; readonly value: number; readonly start: number }
  | {
      readonly kind: '(' | ')' | '[' | ']' | 'end';
      readonly start: number;
    };

// ATTRNAME characters (RFC 7644 §3.4.2.2 plus `$` from RFC 7643 §2.1) and
// the `:` and `.` that schema URNs and sub-attributes add. A leading `.` is
// scanned too, so the parser can explain `emails[...].value` in a filter.
const WORD = /[A-Za-z$.][A-Za-z0-9$._:-]*/y;
// RFC 8259 §6 number grammar.
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD_CHARACTER = /[A-Za-z0-9$._:-]/;
const FOUR_HEX_DIGITS = /^[0-9A-Fa-f]{4}$/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** "at character 7" for a 0-based offset, the way a person counts. */
export function describePosition(offset: number): string {
  return `at character ${offset + 1}`;
}

/**
 * The error for a token that does not fit: what was expected, where, what
 * was found, and optional advice on how to write it.
 */
export function unexpectedToken(
  token: FilterToken,
  expected: string,
  advice?: string,
): ScimError {
  const detail =
    `Expected ${expected} ${describePosition(token.start)}, found ` +
    `${describeToken(token)}.`;
  return invalidFilter(advice ? `${detail} ${advice}` : detail);
}

function describeToken(token: FilterToken): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the text';
    case 'word':
      return `"${shorten(token.text)}"`;
    case 'string':
      return `the string ${JSON.stringify(shorten(token.value))}`;
    case 'number':
      return `the number ${token.value}`;
    default:
      return `"${token.kind}"`;
  }
}

// A detail quotes what it found, but never echoes kilobytes of it back.
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/**
 * Splits filter text into tokens on demand, so a caller may stop at the `]`
 * that closes a PATCH path's value filter and read what follows itself.
 * Whitespace between tokens is skipped; the RFC's single SP is not enforced.
 */
export class FilterTokenizer {
  private position: number;
  private lookahead: FilterToken | undefined;

  constructor(
    private readonly text: string,
    start = 0,
  ) {
    this.position = start;
  }

  /** Where reading stopped: just past the last token taken with next(). */
  get offset(): number {
    return this.lookahead ? this.lookahead.start : this.position;
  }

  peek(): FilterToken {
    this.lookahead ??= this.scan();
    return this.lookahead;
  }

  next(): FilterToken {
    const token = this.peek();
    this.lookahead = undefined;
    return token;
  }

  private scan(): FilterToken {
    this.skipWhitespace();
    const start = this.position;
    const character = this.text[start];
    if (character === undefined) return { kind: 'end', start };
    if ('()[]'.includes(character)) {
      this.position += 1;
      return { kind: character as '(' | ')' | '[' | ']', start };
    }
    if (character === '"') return this.scanString(start);
    if (character === '-' || (character >= '0' && character <= '9')) {
      return this.scanNumber(start);
    }
    const word = this.match(WORD, start);
    if (word !== undefined) return { kind: 'word', text: word, start };
    throw invalidFilter(
      `Unexpected character "${character}" ${describePosition(start)}.`,
    );
  }

  private skipWhitespace(): void {
    while (' \t\r\n'.includes(this.text[this.position] ?? 'x')) {
      this.position += 1;
    }
  }

  private match(pattern: RegExp, start: number): string | undefined {
    pattern.lastIndex = start;
    const found = pattern.exec(this.text);
    if (!found) return undefined;
    this.position = start + found[0].length;
    return found[0];
  }

  private scanNumber(start: number): FilterToken {
    const literal = this.match(NUMBER, start);
    const following = this.text[this.position];
    if (
      literal === undefined ||
      (following !== undefined && WORD_CHARACTER.test(following))
    ) {
      throw invalidFilter(
        `Invalid number ${describePosition(start)}: numbers follow JSON ` +
          '(RFC 8259 §6), such as 42, -1.5 or 2e3; put text in double quotes.',
      );
    }
    return { kind: 'number', value: Number(literal), start };
  }

  // RFC 7644 §3.4.2.2: string literals MUST be valid JSON strings.
  private scanString(start: number): FilterToken {
    let value = '';
    let index = start + 1;
    for (;;) {
      const character = this.text[index];
      if (character === undefined) {
        throw invalidFilter(
          `Unterminated string starting ${describePosition(start)}: ` +
            'close it with a double quote.',
        );
      }
      if (character === '"') break;
      if (character < ' ') {
        throw invalidFilter(
          `Control character in string ${describePosition(index)}: ` +
            'escape it as JSON requires, for example \\n or \\u0009.',
        );
      }
      if (character === '\\') {
        value += this.decodeEscape(index);
        index += this.text[index + 1] === 'u' ? 6 : 2;
        continue;
      }
      value += character;
      index += 1;
    }
    this.position = index + 1;
    return { kind: 'string', value, start };
  }

  private decodeEscape(backslash: number): string {
    const code = this.text[backslash + 1] ?? '';
    const simple = SIMPLE_ESCAPES[code];
    if (simple !== undefined) return simple;
    const hex = this.text.slice(backslash + 2, backslash + 6);
    if (code === 'u' && FOUR_HEX_DIGITS.test(hex)) {
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    throw invalidFilter(
      `Invalid escape ${describePosition(backslash)}: JSON strings allow ` +
        '\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.',
    );
  }
}
