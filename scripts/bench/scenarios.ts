import {
  benchUserName,
  oktaActivePatchBody,
  oktaCreateBody,
  oktaExistencePath,
  oktaReplaceBody,
} from './okta-user-bodies.js';

export const SCENARIOS = [
  'create',
  'get',
  'filter',
  'patch',
  'put',
  'list',
] as const;

export type ScenarioName = (typeof SCENARIOS)[number];

/** A user the seeding step stored, as the target server numbered it. */
export interface SeededUser {
  readonly id: string;
  readonly userName: string;
  readonly n: number;
}

/** Everything the load generator needs for one run, sent to it as JSON. */
export interface LoadSpec {
  readonly scenario: ScenarioName;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** Path of the SCIM base, such as /scim/v2. */
  readonly basePath: string;
  readonly token: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** A number of requests to send instead of a duration. */
  readonly amount?: number;
  /** Report the users a create run made (reads every response body). */
  readonly collectCreated?: boolean;
  readonly users: readonly SeededUser[];
  /** Makes the userNames a create run makes unique across runs. */
  readonly batch: string;
  /**
   * Requests of this scenario already sent to this server in earlier runs,
   * so PATCH and PUT go on from where they stopped and keep changing data.
   */
  readonly offset: number;
}

export interface ScenarioRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  readonly path: string;
  readonly body?: string;
}

const PAGE_SIZE = 100;

/** The i-th request of a run (i counts from 0 across all connections). */
export function scenarioRequest(spec: LoadSpec, i: number): ScenarioRequest {
  const base = spec.basePath;
  switch (spec.scenario) {
    case 'create': {
      const user = { userName: benchUserName(spec.batch, i), n: i };
      return {
        method: 'POST',
        path: `${base}/Users`,
        body: oktaCreateBody(user),
      };
    }
    case 'get':
      return { method: 'GET', path: `${base}/Users/${randomUser(spec).id}` };
    case 'filter':
      return {
        method: 'GET',
        path: base + oktaExistencePath(randomUser(spec).userName),
      };
    case 'patch':
      return patchRequest(spec, spec.offset + i);
    case 'put':
      return putRequest(spec, spec.offset + i);
    case 'list': {
      const last = Math.max(1, spec.users.length - PAGE_SIZE + 1);
      const startIndex = 1 + Math.floor(Math.random() * last);
      return {
        method: 'GET',
        path: `${base}/Users?startIndex=${startIndex}&count=${PAGE_SIZE}`,
      };
    }
  }
}

// PATCH walks the first half of the users, PUT the second, so neither undoes
// the other. Seeded users are active: the first pass deactivates each user,
// the next reactivates it, and so on, so every request changes the record.
function patchRequest(spec: LoadSpec, k: number): ScenarioRequest {
  const half = Math.ceil(spec.users.length / 2);
  const user = pick(spec.users, k % half);
  const active = Math.floor(k / half) % 2 === 1;
  return {
    method: 'PATCH',
    path: `${spec.basePath}/Users/${user.id}`,
    body: oktaActivePatchBody(active),
  };
}

function putRequest(spec: LoadSpec, k: number): ScenarioRequest {
  const half = Math.ceil(spec.users.length / 2);
  const user = pick(spec.users, half + (k % (spec.users.length - half)));
  return {
    method: 'PUT',
    path: `${spec.basePath}/Users/${user.id}`,
    body: oktaReplaceBody(user.id, user, k),
  };
}

function randomUser(spec: LoadSpec): SeededUser {
  return pick(spec.users, Math.floor(Math.random() * spec.users.length));
}

function pick(users: readonly SeededUser[], index: number): SeededUser {
  const user = users[index];
  if (user === undefined) throw new Error('the run has no seeded users');
  return user;
}
