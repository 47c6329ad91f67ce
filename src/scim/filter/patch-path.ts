import type { AttributePath } from '../schema/attribute-path.js';
import type { FilterExpression } from './filter-expression.js';

/**
 * A PATCH operation's `path` (RFC 7644 §3.5.2, the PATH rule of Figure 1):
 * `name.givenName`, `emails`, `emails[type eq "work"]` or
 * `emails[type eq "work"].value`. For the last, `attribute` is `emails` with
 * `subAttribute` set to `value`, and `valueFilter` selects the elements.
 */
export interface PatchPath {
  readonly attribute: AttributePath;
  readonly valueFilter: FilterExpression | undefined;
}
