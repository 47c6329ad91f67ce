import { resolveFilterAttribute } from './filter-attribute-resolver.js';
import { checkComparison } from './filter-comparison-check.js';
import type { FilterExpression } from './filter-expression.js';

// `userName eq "<name>"` as Okta sends it before every push (its existence
// check): single spaces, keyword and attribute in any case (RFC 7644
// §3.4.2.2), and a string with no escapes and no control characters, so
// its characters are its value. The class runs from the space (U+0020) up,
// leaving out `"` (U+0022) and `\` (U+005C). Anything else goes to the full
// parser.
const USER_NAME_EQUALITY = /^username eq "([ !#-[\]-\uffff]*)"$/i;

const USER_NAME_PATH = resolveFilterAttribute('userName', 0);

/**
 * The expression filter-parser.ts would return for the exact form above,
 * without tokenising or resolving the attribute again; undefined for any
 * other text. Okta sends this filter for every user it pushes, which makes
 * it the most frequent query by far.
 */
export function parseUserNameEquality(
  text: string,
): FilterExpression | undefined {
  const value = USER_NAME_EQUALITY.exec(text)?.[1];
  if (value === undefined) return undefined;
  return {
    kind: 'comparison',
    operator: 'eq',
    ...checkComparison(USER_NAME_PATH, 'eq', value, 0),
  };
}
