import type { AttributePath } from '../schema/attribute-path.js';

/** RFC 7644 §3.4.2.2, Table 3. */
export type ComparisonOperator =
  'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export type ComparisonValue = string | number | boolean | null;

/**
 * A parsed filter. Inside a value path (`emails[type eq "work"]`) the inner
 * expressions' paths carry the outer attribute with the sub-attribute set,
 * so `type` there resolves to `emails.type`, evaluated per element.
 */
export type FilterExpression =
  | {
      readonly kind: 'comparison';
      readonly path: AttributePath;
      readonly operator: ComparisonOperator;
      readonly value: ComparisonValue;
    }
  | { readonly kind: 'present'; readonly path: AttributePath }
  | {
      readonly kind: 'and' | 'or';
      readonly left: FilterExpression;
      readonly right: FilterExpression;
    }
  | { readonly kind: 'not'; readonly expression: FilterExpression }
  | {
      readonly kind: 'valuePath';
      readonly path: AttributePath;
      readonly filter: FilterExpression;
    };
