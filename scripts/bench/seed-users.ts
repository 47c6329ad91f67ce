import type { BenchServer } from './bench-servers.js';
import { runLoad } from './run-load.js';
import type { SeededUser } from './scenarios.js';

/**
 * Creates `count` Okta-shaped users through the API with the load
 * generator (create scenario, a fixed number of requests), and returns
 * them numbered 0 … count − 1 in that order.
 */
export async function seedUsers(
  server: BenchServer,
  token: string,
  count: number,
  loadCore: number,
): Promise<SeededUser[]> {
  const result = await runLoad(
    {
      scenario: 'create',
      origin: server.origin,
      basePath: server.basePath,
      token,
      connections: 32,
      durationSeconds: 600,
      amount: count,
      collectCreated: true,
      users: [],
      batch: 'seed',
      offset: 0,
    },
    loadCore,
  );
  const created = [...(result.created ?? [])].sort((a, b) => a.n - b.n);
  if (created.length !== count || created.some((user, n) => user.n !== n)) {
    throw new Error(
      `seeding ${server.name} made ${created.length} of ${count} users; ` +
        `answers: ${JSON.stringify(result.statusCounts)}, ` +
        `errors: ${result.errors}`,
    );
  }
  return created;
}
