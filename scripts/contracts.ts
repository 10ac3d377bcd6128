import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const REPO_ROOT = join(__dirname, '..');
const BUF = join(REPO_ROOT, 'node_modules', '.bin', 'buf');
const GENERATED_DIR = join('libs', 'contracts', 'src', 'generated');
const BASELINE = 'contracts-baseline.binpb';

function buf(args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(BUF, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Generated code is committed; regenerating must change nothing, or someone edited a contract without it. */
function generatedDrift(): string[] {
  const scratch = mkdtempSync(join(tmpdir(), 'welkom-contracts-'));
  try {
    const generated = buf(['generate', '--output', scratch]);
    if (!generated.ok) return [`buf generate failed: ${generated.output}`];
    const fresh = join(scratch, GENERATED_DIR);
    const committed = join(REPO_ROOT, GENERATED_DIR);
    const freshFiles = new Set(listFiles(fresh).map((f) => relative(fresh, f)));
    const committedFiles = new Set(listFiles(committed).map((f) => relative(committed, f)));
    const drift: string[] = [];
    for (const file of freshFiles) {
      if (!committedFiles.has(file)) drift.push(`missing: ${join(GENERATED_DIR, file)}`);
      else if (!readFileSync(join(fresh, file)).equals(readFileSync(join(committed, file)))) {
        drift.push(`differs: ${join(GENERATED_DIR, file)}`);
      }
    }
    for (const file of committedFiles) if (!freshFiles.has(file)) drift.push(`stale: ${join(GENERATED_DIR, file)}`);
    return drift;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const checks: [string, () => string[]][] = [
  [
    'buf lint (STANDARD)',
    () => {
      const r = buf(['lint']);
      return r.ok ? [] : [r.output];
    },
  ],
  [
    'buf format',
    () => {
      const r = buf(['format', '--diff', '--exit-code']);
      return r.ok ? [] : [r.output];
    },
  ],
  [
    `buf breaking against ${BASELINE}`,
    () => {
      const r = buf(['breaking', '--against', BASELINE]);
      return r.ok ? [] : [r.output];
    },
  ],
  ['generated code is up to date', generatedDrift],
];

function check(): number {
  let failed = 0;
  for (const [name, run] of checks) {
    const problems = run();
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}`);
    for (const problem of problems) console.log(`     ${problem.replace(/\n/g, '\n     ')}`);
    if (problems.length > 0) failed += 1;
  }
  if (failed > 0) console.log('Fix the contract, or run `npm run contracts:generate` and commit the result.');
  return failed === 0 ? 0 : 1;
}

function generate(): number {
  rmSync(join(REPO_ROOT, GENERATED_DIR), { recursive: true, force: true });
  const r = buf(['generate']);
  console.log(r.output || `generated ${GENERATED_DIR}`);
  return r.ok ? 0 : 1;
}

/** A release freezes the contracts: later changes are checked against this image for breaking changes. */
function baseline(): number {
  const r = buf(['build', '-o', BASELINE]);
  console.log(r.output || `wrote ${BASELINE}`);
  return r.ok ? 0 : 1;
}

const commands: Record<string, () => number> = { check, generate, baseline };
const command = commands[process.argv[2] ?? 'check'];
if (!command) {
  console.error('Usage: contracts.ts check|generate|baseline');
  process.exit(2);
}
process.exit(command());
