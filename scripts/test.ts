import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..');
const bin = (name: string): string => join(REPO_ROOT, 'node_modules', '.bin', name);

interface Step {
  name: string;
  command: string;
  args: string[];
}

/**
 * `npm test`: the cheap checks first (contracts, boundaries, format, types, lint), then every jest tier. The jest global
 * setup starts the real Kafka broker and finds or starts PostgreSQL for the integration and e2e tiers, and
 * stops what it started. Extra arguments go to jest (e.g. `npm test -- apps/hub`).
 */
const steps: Step[] = [
  { name: 'contracts', command: process.execPath, args: ['-r', '@swc-node/register', 'scripts/contracts.ts', 'check'] },
  {
    name: 'boundaries',
    command: bin('depcruise'),
    args: ['--config', '.dependency-cruiser.js', 'apps', 'libs', 'test', 'deploy', 'bench', 'scripts'],
  },
  { name: 'format', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '**/*.{ts,js,mjs,cjs}'] },
  { name: 'types', command: bin('tsc'), args: ['--noEmit', '-p', '.'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { name: 'tests', command: bin('jest'), args: ['--ci', ...process.argv.slice(2)] },
];

const timings: string[] = [];
for (const step of steps) {
  console.log(
    `\n=== ${step.name}: ${[step.command === process.execPath ? 'node' : step.command.replace(`${REPO_ROOT}/`, ''), ...step.args].join(' ')}`,
  );
  const started = Date.now();
  const result = spawnSync(step.command, step.args, {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${step.name} ${seconds}s`);
  if (result.status !== 0) {
    console.error(`\n${step.name} failed (exit ${result.status ?? result.signal}) after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\nAll checks passed: ${timings.join(', ')}`);
