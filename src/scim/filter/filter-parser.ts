import {
  formatAttributePath,
  type AttributePath,
} from '../schema/attribute-path.js';
import { invalidFilter } from '../scim-error.js';
import {
  resolveFilterAttribute,
  resolveFilterSubAttribute,
} from './filter-attribute-resolver.js';
import { checkComparison } from './filter-comparison-check.js';
import type {
  ComparisonOperator,
  ComparisonValue,
  FilterExpression,
} from './filter-expression.js';
import {
  describePosition,
  FilterTokenizer,
  unexpectedToken,
  type FilterToken,
} from './filter-tokenizer.js';
import { parseUserNameEquality } from './user-name-equality.js';

/** Anti-abuse limits; a filter arrives from outside, in a query string. */
export interface FilterLimits {
  /** Characters; default 4096. */
  readonly maxLength?: number;
  /** Nesting levels: each `(`, `[` and `not` opens one; default 16. */
  readonly maxDepth?: number;
}

export const DEFAULT_FILTER_LIMITS = { maxLength: 4096, maxDepth: 16 } as const;

// Each nesting level costs a few stack frames of recursive descent; this
// ceiling on maxDepth keeps any configured depth far from Node's stack limit.
const DEPTH_CEILING = 256;

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set<ComparisonOperator>([
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
]);

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2, Figure 1) into an expression,
 * resolving every attribute against the User schemas. Keywords, operators
 * and attribute names are case-insensitive; `not` binds tighter than `and`,
 * which binds tighter than `or`. Any error is a 400 invalidFilter whose
 * detail names the problem and its character position; nothing partial is
 * ever returned. Paths below are written as text; they are AttributePaths.
 *
 *     parseFilter('title pr and emails[type eq "work"]')
 *     // { kind: 'and',
 *     //   left: { kind: 'present', path: title },
 *     //   right: { kind: 'valuePath', path: emails,
 *     //            filter: { kind: 'comparison', path: emails.type,
 *     //                      operator: 'eq', value: 'work' } } }
 *
 * Chains of one logical operator become balanced trees (`a and b and c`
 * is `(a and b) and c`, four terms pair up), so any consumer can recurse
 * without meeting a tree as deep as the filter is long.
 */
export function parseFilter(
  text: string,
  limits: FilterLimits = {},
): FilterExpression {
  checkLength(text, limits);
  if (text.trim() === '') {
    throw invalidFilter(
      'The filter is empty: write an expression such as userName eq "bjensen".',
    );
  }
  return (
    parseUserNameEquality(text) ??
    new FilterParser(text, 0, limits).parseWhole()
  );
}

export interface ParsedValueFilter {
  readonly filter: FilterExpression;
  /** Offset just past the closing `]`. */
  readonly end: number;
}

/**
 * Parses the value filter of `outer[...]` whose `[` is at `openBracket`
 * and stops at the matching `]`; PATCH paths (RFC 7644 §3.5.2) go on after
 * it. Errors are 400 invalidFilter, positioned within the whole text. The
 * caller bounds the text's length; `limits.maxDepth` applies here.
 */
export function parseValueFilter(
  text: string,
  openBracket: number,
  outer: AttributePath,
  limits: FilterLimits = {},
): ParsedValueFilter {
  return new FilterParser(text, openBracket, limits).parseBracketed(outer);
}

function checkLength(text: string, limits: FilterLimits): void {
  const maxLength = limits.maxLength ?? DEFAULT_FILTER_LIMITS.maxLength;
  if (text.length > maxLength) {
    throw invalidFilter(
      `The filter is ${text.length} characters long; the limit is ` +
        `${maxLength}. Shorten it or split the query.`,
    );
  }
}

class FilterParser {
  private readonly tokens: FilterTokenizer;
  private readonly maxDepth: number;
  private depth = 0;

  constructor(text: string, start: number, limits: FilterLimits) {
    this.tokens = new FilterTokenizer(text, start);
    const wanted = limits.maxDepth ?? DEFAULT_FILTER_LIMITS.maxDepth;
    this.maxDepth = Math.min(Math.max(0, Math.floor(wanted)), DEPTH_CEILING);
  }

  parseWhole(): FilterExpression {
    const expression = this.parseOr(undefined);
    const token = this.tokens.peek();
    if (token.kind !== 'end') {
      throw unexpectedToken(token, '"and", "or" or the end of the filter');
    }
    return expression;
  }

  parseBracketed(outer: AttributePath): ParsedValueFilter {
    const open = this.tokens.next();
    if (open.kind !== '[') throw unexpectedToken(open, '"["');
    const filter = this.parseValueFilterBody(outer, open);
    return { filter, end: this.tokens.offset };
  }

  // `outer` is set inside `outer[...]`, where names are its sub-attributes.
  private parseOr(outer: AttributePath | undefined): FilterExpression {
    const terms = [this.parseAnd(outer)];
    while (isKeyword(this.tokens.peek(), 'or')) {
      this.tokens.next();
      terms.push(this.parseAnd(outer));
    }
    return combine('or', terms, 0, terms.length);
  }

  private parseAnd(outer: AttributePath | undefined): FilterExpression {
    const terms = [this.parseUnary(outer)];
    while (isKeyword(this.tokens.peek(), 'and')) {
      this.tokens.next();
      terms.push(this.parseUnary(outer));
    }
    return combine('and', terms, 0, terms.length);
  }

  // RFC 7644 §3.4.2.2 only allows `not` before a parenthesised filter.
  private parseUnary(outer: AttributePath | undefined): FilterExpression {
    const token = this.tokens.peek();
    if (isKeyword(token, 'not')) {
      this.enter(this.tokens.next());
      if (this.tokens.peek().kind !== '(') {
        throw unexpectedToken(this.tokens.peek(), '"(" after "not"');
      }
      const expression = this.parseGroup(outer);
      this.depth -= 1;
      return { kind: 'not', expression };
    }
    if (token.kind === '(') return this.parseGroup(outer);
    return this.parseAttributeExpression(outer);
  }

  private parseGroup(outer: AttributePath | undefined): FilterExpression {
    const open = this.tokens.next();
    this.enter(open);
    const expression = this.parseOr(outer);
    this.expectClosing(')', open);
    this.depth -= 1;
    return expression;
  }

  private parseAttributeExpression(
    outer: AttributePath | undefined,
  ): FilterExpression {
    const name = this.tokens.next();
    if (name.kind !== 'word' || name.text.startsWith('.')) {
      throw unexpectedToken(name, 'an attribute name, "not" or "("');
    }
    const path = outer
      ? resolveFilterSubAttribute(outer, name.text, name.start)
      : resolveFilterAttribute(name.text, name.start);
    if (this.tokens.peek().kind === '[') {
      return this.parseValuePath(path, name.start, outer !== undefined);
    }
    return this.parseOperation(path, name);
  }

  private parseValuePath(
    path: AttributePath,
    start: number,
    nested: boolean,
  ): FilterExpression {
    const where = `"${formatAttributePath(path)}" ${describePosition(start)}`;
    if (nested) {
      throw invalidFilter(
        `${where}: value filters cannot be nested; a sub-attribute has no ` +
          'sub-attributes of its own (RFC 7643 §2.3.8).',
      );
    }
    if (path.subAttribute || path.attribute.type !== 'complex') {
      throw invalidFilter(
        `${where} cannot take a value filter "[...]": only complex ` +
          'attributes such as emails or addresses can.',
      );
    }
    const filter = this.parseValueFilterBody(path, this.tokens.next());
    const after = this.tokens.peek();
    if (after.kind === 'word' && after.text.startsWith('.')) {
      throw invalidFilter(
        `"${after.text}" ${describePosition(after.start)}: a sub-attribute ` +
          'after "]" is only valid in a PATCH path (RFC 7644 §3.5.2); in a ' +
          'filter, compare the sub-attribute inside the brackets.',
      );
    }
    return { kind: 'valuePath', path, filter };
  }

  private parseValueFilterBody(
    outer: AttributePath,
    open: FilterToken,
  ): FilterExpression {
    this.enter(open);
    const filter = this.parseOr(outer);
    this.expectClosing(']', open);
    this.depth -= 1;
    return filter;
  }

  private parseOperation(
    path: AttributePath,
    name: FilterToken & { kind: 'word' },
  ): FilterExpression {
    const token = this.tokens.next();
    const operator = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (operator === 'pr') return { kind: 'present', path };
    if (!isComparisonOperator(operator)) {
      throw unexpectedToken(
        token,
        `an operator after "${name.text}"`,
        'Operators are eq, ne, co, sw, ew, gt, ge, lt, le and pr.',
      );
    }
    const value = this.parseValue(operator);
    const checked = checkComparison(path, operator, value, name.start);
    return { kind: 'comparison', operator, ...checked };
  }

  // compValue (RFC 7644 §3.4.2.2): JSON false, null, true, number, string.
  private parseValue(operator: ComparisonOperator): ComparisonValue {
    const token = this.tokens.next();
    if (token.kind === 'string' || token.kind === 'number') return token.value;
    const word = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    throw unexpectedToken(
      token,
      `a value after "${operator}"`,
      'Write a string in double quotes, a number, true, false or null.',
    );
  }

  private enter(token: FilterToken): void {
    this.depth += 1;
    if (this.depth > this.maxDepth) {
      throw invalidFilter(
        `The filter nests deeper than ${this.maxDepth} levels ` +
          `${describePosition(token.start)} (each "(", "[" and "not" adds ` +
          'one); simplify it.',
      );
    }
  }

  private expectClosing(kind: ')' | ']', open: FilterToken): void {
    const token = this.tokens.next();
    if (token.kind !== kind) {
      throw unexpectedToken(
        token,
        `"${kind}"`,
        `It would close the "${open.kind}" ${describePosition(open.start)}.`,
      );
    }
  }
}

function combine(
  kind: 'and' | 'or',
  terms: readonly FilterExpression[],
  from: number,
  to: number,
): FilterExpression {
  const first = terms[from];
  if (to - from === 1 && first) return first;
  const middle = from + Math.ceil((to - from) / 2);
  return {
    kind,
    left: combine(kind, terms, from, middle),
    right: combine(kind, terms, middle, to),
  };
}

function isKeyword(token: FilterToken, keyword: string): boolean {
  return token.kind === 'word' && token.text.toLowerCase() === keyword;
}

function isComparisonOperator(text: string): text is ComparisonOperator {
  return COMPARISON_OPERATORS.has(text);
}
