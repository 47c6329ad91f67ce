/** SCIM operations as counted by ferry_scim_operations_total. */
export type ScimOperation =
  'create' | 'replace' | 'modify' | 'delete' | 'get' | 'list';

export type ScimOutcome = 'success' | 'client_error' | 'server_error';

/** Matched route pattern (@koa/router's routerPath) → operation. */
const OPERATIONS: Readonly<Record<string, ScimOperation>> = {
  'POST /scim/v2/Users': 'create',
  'PUT /scim/v2/Users/:id': 'replace',
  'PATCH /scim/v2/Users/:id': 'modify',
  'DELETE /scim/v2/Users/:id': 'delete',
  'GET /scim/v2/Users/:id': 'get',
  'GET /scim/v2/Users': 'list',
  'POST /scim/v2/Users/.search': 'list',
};

/** RFC 7644 §3.2–3.6: the operation a request on a Users route is. */
export function scimOperationOf(
  method: string,
  route: string | undefined,
): ScimOperation | undefined {
  return route === undefined ? undefined : OPERATIONS[`${method} ${route}`];
}

export function scimOutcomeOf(status: number): ScimOutcome {
  if (status >= 500) return 'server_error';
  return status >= 400 ? 'client_error' : 'success';
}
