import { join, resolve } from 'node:path';
import { ensureDevPki } from '@welkom/infrastructure';

// Usage: node -r @swc-node/register deploy/certs/certs.cli.ts [dir]
// Without a dir the certificates go to .cache/certs at the repository root (git-ignored), wherever the
// command is run from, so every app and test finds the same files. Besides the parties it issues the
// development operators' personal certificates (deploy/hub/operators.v1.json), `operator.<id>.crt`.

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const DEFAULT_DIR = join(REPOSITORY_ROOT, '.cache', 'certs');

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? DEFAULT_DIR);
  const certificates = await ensureDevPki(dir);

  const summary =
    certificates.generated.length === 0 ? 'all certificates still valid, nothing issued' : `issued: ${certificates.generated.join(', ')}`;
  process.stdout.write(`${dir}: ${summary}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
