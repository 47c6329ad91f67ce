import { expect } from 'vitest';

import type { FilterExpression } from '../../../../src/scim/filter/filter-expression.js';
import { formatAttributePath } from '../../../../src/scim/schema/attribute-path.js';
import { ScimError } from '../../../../src/scim/scim-error.js';

/**
 * A compact, exact rendering of an expression for assertions:
 * `and(pr(title), eq(userType, "Employee"))`, `emails[eq(emails.type,
 * "work")]`, with every path canonical and URN-qualified where it belongs.
 */
export function notation(expression: FilterExpression): string {
  switch (expression.kind) {
    case 'comparison':
      return (
        `${expression.operator}(${formatAttributePath(expression.path)}, ` +
        `${JSON.stringify(expression.value)})`
      );
    case 'present':
      return `pr(${formatAttributePath(expression.path)})`;
    case 'and':
    case 'or':
      return (
        `${expression.kind}(${notation(expression.left)}, ` +
        `${notation(expression.right)})`
      );
    case 'not':
      return `not(${notation(expression.expression)})`;
    case 'valuePath':
      return (
        `${formatAttributePath(expression.path)}[` +
        `${notation(expression.filter)}]`
      );
  }
}

/** The ScimError that `run` throws; fails the test when it throws none. */
export function scimErrorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error('expected a ScimError, but nothing was thrown');
}
