import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 .cpuprofile: self time per function and per package/directory, to see where the hub
 * spends a request. `--busiest <seconds>` keeps only the window of that length with the least idle time
 * (the load cell), and `--skip <seconds>` leaves out the start (module loading and compiling, which can be busier).
 * With `--marker <function>`, "busiest" counts only samples under that function (say `requestEvidence`), so the
 * window is the load cell even when start-up or seeding took more CPU on a loaded machine.
 *
 *   node -r @swc-node/register bench/once-only/profile-summary.ts <file.cpuprofile> [--skip 15] [--busiest 5] [--marker requestEvidence]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const busiestIndex = process.argv.indexOf('--busiest');
const windowMicros = busiestIndex < 0 ? Infinity : Number(process.argv[busiestIndex + 1]) * 1e6;
const skipIndex = process.argv.indexOf('--skip');
const skipMicros = skipIndex < 0 ? 0 : Number(process.argv[skipIndex + 1]) * 1e6;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const isIdle = (id: number): boolean => byId.get(id)?.callFrame.functionName === '(idle)';
const markerIndex = process.argv.indexOf('--marker');
const marker = markerIndex < 0 ? undefined : process.argv[markerIndex + 1];
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const marked = new Map<number, boolean>();
/** Whether the sample counts towards "busy" when choosing the window: not idle, and under the marker if one is given. */
function counts(id: number): boolean {
  if (isIdle(id)) return false;
  if (marker === undefined) return true;
  const known = marked.get(id);
  if (known !== undefined) return known;
  const node = byId.get(id);
  const parent = parentOf.get(id);
  const result = node?.callFrame.functionName === marker || (parent !== undefined && counts(parent));
  marked.set(id, result);
  return result;
}

/** [first, last) sample indexes of the window with the most busy time (two pointers over the samples). */
function busiestWindow(): [number, number] {
  let skipped = 0;
  let from = 0;
  while (from < profile.samples.length && skipped < skipMicros) skipped += profile.timeDeltas[from++] ?? 0;
  if (windowMicros === Infinity) return [from, profile.samples.length];
  let best: [number, number] = [from, from];
  let bestBusy = -1;
  let start = from;
  let span = 0;
  let busy = 0;
  for (let end = from; end < profile.samples.length; end += 1) {
    const delta = profile.timeDeltas[end] ?? 0;
    span += delta;
    if (counts(profile.samples[end])) busy += delta;
    while (span > windowMicros && start < end) {
      const leaving = profile.timeDeltas[start] ?? 0;
      span -= leaving;
      if (counts(profile.samples[start])) busy -= leaving;
      start += 1;
    }
    if (busy > bestBusy) [bestBusy, best] = [busy, [start, end + 1]];
  }
  return best;
}

const [first, last] = busiestWindow();
const selfMicros = new Map<number, number>();
for (let index = first; index < last; index += 1) {
  const id = profile.samples[index];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}
const sampled = [...selfMicros.values()].reduce((a, b) => a + b, 0);
// Shares are of the busy time: a server waiting for requests (or for PostgreSQL) is idle, and idle time would
// dilute whatever the run spent its CPU on.
const idleMicros = [...selfMicros].filter(([id]) => isIdle(id)).reduce((a, [, micros]) => a + micros, 0);
const total = sampled - idleMicros;

function area(url: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const repo = /\/(apps|libs|bench)\/([^/]+)\//.exec(url);
  if (repo) return `${repo[1]}/${repo[2]}`;
  return url.startsWith('node:') ? url : url === '' ? '(native/gc/idle)' : url.replace(/^.*\//, '');
}

const functions = new Map<string, number>();
const areas = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (isIdle(id)) continue;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '')}:${lineNumber}`;
  functions.set(key, (functions.get(key) ?? 0) + micros);
  areas.set(area(url), (areas.get(area(url)) ?? 0) + micros);
}
const top = (map: Map<string, number>, count: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`);
console.log(
  `${(sampled / 1e6).toFixed(1)} s sampled, ${(total / 1e6).toFixed(1)} s busy (shares below are of the busy time)\n\nby area:\n${top(areas, 25).join('\n')}\n\nby function:\n${top(functions, 40).join('\n')}`,
);
