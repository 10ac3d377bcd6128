import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kafkaToolEnvironment, type TestInfrastructure } from '@welkom/testing';

const run = promisify(execFile);
export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command-line tool of the hub, as an operator runs it; `env` replaces the environment entirely. */
export async function hubTool(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<ToolRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', '@swc-node/register', script, ...args], { cwd: REPO_ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** `npm run audit:export` with the hub's database and the broker, and nothing else of the test's environment. */
export function exportAuditBundle(out: string, hubDatabaseUrl: string, infrastructure: TestInfrastructure): Promise<ToolRun> {
  return hubTool('apps/hub/tools/audit/audit-export.cli.ts', ['--out', out], {
    PATH: process.env.PATH,
    DATABASE_URL: hubDatabaseUrl,
    ...kafkaToolEnvironment(infrastructure),
  });
}

/** `npm run audit:verify` with neither database nor broker: only the bundle, the party CA and the party list. */
export function verifyAuditBundleOffline(bundle: string, infrastructure: TestInfrastructure): Promise<ToolRun> {
  return hubTool('apps/hub/tools/audit/audit-verify.cli.ts', ['--bundle', bundle, '--ca', infrastructure.certificates.caCertificatePath], {
    PATH: process.env.PATH,
  });
}
