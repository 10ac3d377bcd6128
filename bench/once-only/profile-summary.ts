import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 .cpuprofile: self time per function and per package/directory, to see where the hub
 * spends a request. `node -r @swc-node/register bench/once-only/profile-summary.ts <file.cpuprofile>`
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

function area(url: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const repo = /\/work\/main\/(apps|libs)\/([^/]+)/.exec(url);
  if (repo) return `${repo[1]}/${repo[2]}`;
  return url.startsWith('node:') ? url : url === '' ? '(native/gc/idle)' : url.replace(/^.*\//, '');
}

const functions = new Map<string, number>();
const areas = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
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
  `total ${(total / 1e6).toFixed(1)} s sampled\n\nby area:\n${top(areas, 25).join('\n')}\n\nby function:\n${top(functions, 40).join('\n')}`,
);
