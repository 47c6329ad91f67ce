import { readFile } from 'node:fs/promises';

/** The parts of a V8 .cpuprofile this summary reads. */
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** Microseconds of the monotonic clock. */
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}

export interface TimeEntry {
  /** `function file`, or an area such as a package name. */
  readonly name: string;
  readonly ms: number;
}

export interface ProfileSummary {
  /** CPU time sampled outside `(idle)`. */
  readonly busyMs: number;
  /** Self time per function. */
  readonly topSelf: readonly TimeEntry[];
  /** Time in our own functions including what they call. */
  readonly topOwnInclusive: readonly TimeEntry[];
  /** Self time per source folder, package, or Node/V8 part. */
  readonly byArea: readonly TimeEntry[];
}

/**
 * Self and inclusive time of a CPU profile, largest first, counting only
 * samples taken from `fromMicros` on (leaving out start-up).
 */
export async function summariseProfile(
  path: string,
  fromMicros = 0,
  top = 20,
): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = parentsOf(profile.nodes);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  let time = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    time += micros;
    const node = nodes.get(nodeId);
    if (time < fromMicros || node === undefined) return;
    if (node.callFrame.functionName === '(idle)') return;
    busy += micros;
    add(self, frameName(node), micros);
    add(areas, areaOf(node), micros);
    for (const name of ownFramesOnStack(node, nodes, parents)) {
      add(inclusive, name, micros);
    }
  });
  return {
    busyMs: busy / 1000,
    topSelf: ranked(self).slice(0, top),
    topOwnInclusive: ranked(inclusive).slice(0, top),
    byArea: ranked(areas),
  };
}

function parentsOf(nodes: readonly ProfileNode[]): Map<number, number> {
  const parents = new Map<number, number>();
  for (const node of nodes) {
    for (const child of node.children ?? []) parents.set(child, node.id);
  }
  return parents;
}

/** Each of our functions on the sample's stack, once (recursion aside). */
function ownFramesOnStack(
  leaf: ProfileNode,
  nodes: Map<number, ProfileNode>,
  parents: Map<number, number>,
): Set<string> {
  const names = new Set<string>();
  for (let node: ProfileNode | undefined = leaf; node !== undefined;) {
    if (isOwnCode(shortFile(node.callFrame.url))) names.add(frameName(node));
    const parent = parents.get(node.id);
    node = parent === undefined ? undefined : nodes.get(parent);
  }
  return names;
}

function add(totals: Map<string, number>, key: string, micros: number): void {
  totals.set(key, (totals.get(key) ?? 0) + micros);
}

function ranked(totals: Map<string, number>): TimeEntry[] {
  return [...totals]
    .map(([name, micros]) => ({ name, ms: micros / 1000 }))
    .sort((a, b) => b.ms - a.ms);
}

function frameName(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  return `${functionName || '(anonymous)'} ${shortFile(url)}`.trim();
}

function isOwnCode(file: string): boolean {
  return file.startsWith('src/') || file.startsWith('scripts/');
}

// dist/src/x/y.js → src/x/y.ts; …/node_modules/a/b.js → a/b.js.
function shortFile(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length);
  const dist = path.lastIndexOf('/dist/');
  if (dist >= 0) {
    return path.slice(dist + '/dist/'.length).replace(/\.js$/, '.ts');
  }
  return path;
}

// Our code by folder, packages by name, the runtime by kind.
function areaOf(node: ProfileNode): string {
  const file = shortFile(node.callFrame.url);
  if (file === '') return node.callFrame.functionName || '(native)';
  if (file.startsWith('node:')) return 'node: internals';
  if (isOwnCode(file)) return file.split('/').slice(0, -1).join('/');
  const [first = file, second = ''] = file.split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}
