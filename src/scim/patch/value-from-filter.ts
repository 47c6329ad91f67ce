import type { FilterExpression } from '../filter/filter-expression.js';
import type { JsonObject } from '../json.js';
import type { AttributePath } from '../schema/attribute-path.js';

/**
 * The element a value filter describes, when it is made only of `eq`
 * comparisons joined by `and` (`type eq "work"` gives `{ type: "work" }`);
 * undefined for any other filter.
 *
 * Entra ID adds a work e-mail as
 * `{"op": "Add", "path": "emails[type eq \"work\"].value", "value": "…"}`,
 * also when the user has no work e-mail yet. RFC 7644 §3.5.2.1 does not say
 * what an add through a filter that matches nothing does; creating the
 * element the filter describes is what the client means.
 */
export function valueFromFilter(
  path: AttributePath,
  filter: FilterExpression,
): JsonObject | undefined {
  const element: JsonObject = {};
  const pending: FilterExpression[] = [filter];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.kind === 'and') {
      pending.push(next.right, next.left);
      continue;
    }
    if (
      next.kind !== 'comparison' ||
      next.operator !== 'eq' ||
      next.value === null ||
      next.path.attribute.name !== path.attribute.name ||
      next.path.subAttribute === undefined
    ) {
      return undefined;
    }
    const name = next.path.subAttribute.name;
    if (Object.hasOwn(element, name) && element[name] !== next.value) {
      return undefined;
    }
    element[name] = next.value;
  }
  return element;
}
