import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ensureDevCertificates } from '@welkom/infrastructure';

// Usage: node -r @swc-node/register deploy/certs/certs.cli.ts [dir]
// Without a dir the certificates go to .cache/certs at the repository root (git-ignored), wherever the
// command is run from, so every app and test finds the same files.

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const DEFAULT_DIR = join(REPOSITORY_ROOT, '.cache', 'certs');
const PARTIES_FILE = join(REPOSITORY_ROOT, 'deploy', 'parties', 'dev-parties.json');

const partiesFileSchema = z.object({
  parties: z.array(z.object({ key: z.string(), oin: z.string(), name: z.string() })).min(1),
});

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? DEFAULT_DIR);
  const { parties } = partiesFileSchema.parse(JSON.parse(await readFile(PARTIES_FILE, 'utf8')));
  const certificates = await ensureDevCertificates(dir, parties);

  const summary =
    certificates.generated.length === 0 ? 'all certificates still valid, nothing issued' : `issued: ${certificates.generated.join(', ')}`;
  process.stdout.write(`${dir}: ${summary}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
