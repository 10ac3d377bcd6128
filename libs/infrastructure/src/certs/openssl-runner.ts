import { execFile } from 'node:child_process';

/**
 * Runs the `openssl` CLI with an argument vector, never through a shell, so subject names and paths from
 * the party list cannot be read as shell syntax.
 */
export function runOpenssl(binary: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: 60_000, maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error === null) {
        resolve();
        return;
      }
      if (error.code === 'ENOENT') {
        reject(new Error(`openssl not found (tried "${binary}"); install it with: apt-get install openssl`));
        return;
      }
      const detail = stderr.trim() || error.message;
      reject(new Error(`openssl ${args[0] ?? ''} failed: ${detail}`));
    });
  });
}
