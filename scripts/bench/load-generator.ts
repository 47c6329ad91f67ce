// Runs one load run with autocannon and prints its LoadResult as JSON on
// stdout. It runs as its own process, pinned to a core the server does not
// use, and reads its LoadSpec as JSON from stdin.
import autocannon from 'autocannon';

import { percentile, type LoadResult } from './load-result.js';
import {
  scenarioRequest,
  type LoadSpec,
  type SeededUser,
} from './scenarios.js';

async function main(): Promise<void> {
  const spec = JSON.parse(await readStdin()) as LoadSpec;
  const result = await runLoad(spec);
  process.stdout.write(JSON.stringify(result));
}

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let issued = 0;
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  const created: SeededUser[] = [];
  const options: autocannon.Options = {
    url: spec.origin,
    connections: spec.connections,
    duration: spec.durationSeconds,
    ...(spec.amount === undefined ? {} : { amount: spec.amount }),
    headers: {
      authorization: `Bearer ${spec.token}`,
      'content-type': 'application/scim+json',
      accept: 'application/scim+json',
    },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          ...scenarioRequest(spec, issued++),
        }),
        ...(spec.collectCreated
          ? {
              onResponse: (status: number, body: string) => {
                if (status === 201) created.push(createdUser(body));
              },
            }
          : {}),
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done) =>
      error ? reject(toError(error)) : resolve(done),
    );
    // The response event carries each latency in fractional milliseconds,
    // finer than autocannon's whole-millisecond histogram.
    instance.on('response', (_client, status: number, _bytes, ms: number) => {
      latencies.push(ms);
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;
    });
  });
  return {
    ...summarise(
      result,
      issued,
      latencies.sort((a, b) => a - b),
      statusCounts,
    ),
    ...(spec.collectCreated ? { created } : {}),
  };
}

// The n of a user is in its userName (okta-user-bodies.ts benchUserName).
function createdUser(body: string): SeededUser {
  const { id, userName } = JSON.parse(body) as { id: string; userName: string };
  const n = Number(/\.user(\d+)@/.exec(userName)?.[1]);
  return { id, userName, n };
}

function summarise(
  result: autocannon.Result,
  issued: number,
  sortedLatencies: readonly number[],
  statusCounts: Record<string, number>,
): LoadResult {
  return {
    responses: sortedLatencies.length,
    issued,
    durationSeconds: result.duration,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50Ms: percentile(sortedLatencies, 0.5),
    p99Ms: percentile(sortedLatencies, 0.99),
    statusCounts,
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

await main();
