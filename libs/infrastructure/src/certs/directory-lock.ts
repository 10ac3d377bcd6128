import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hasErrorCode } from './error-code';

const LOCK_FILE = '.lock';
const RETRY_EVERY_MS = 50;

/**
 * Serialises work on one directory across processes. Parallel jest workers or several apps starting at
 * once may all ask for the same certificates; without the lock two of them could each create a CA and
 * leave party certificates signed by the one that lost the rename race.
 *
 * The lock file holds the owner's pid, so a lock left behind by a killed process is taken over at once
 * instead of after a timeout. Only meant for a local directory on one machine.
 */
export async function withDirectoryLock<T>(dir: string, work: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const lockPath = join(dir, LOCK_FILE);
  const giveUpAt = Date.now() + timeoutMs;
  while (!(await tryAcquire(lockPath))) {
    if (Date.now() > giveUpAt) {
      throw new Error(`could not lock ${dir} within ${timeoutMs} ms; remove ${lockPath} if no other process uses it`);
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function tryAcquire(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error: unknown) {
    if (!hasErrorCode(error, 'EEXIST')) throw error;
  }
  if (await ownerIsGone(lockPath)) await rm(lockPath, { force: true });
  return false;
}

async function ownerIsGone(lockPath: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number.parseInt(await readFile(lockPath, 'utf8'), 10);
  } catch (error: unknown) {
    if (hasErrorCode(error, 'ENOENT')) return false; // released meanwhile; just retry
    throw error;
  }
  // An empty file means the owner is between creating and writing it.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error: unknown) {
    return hasErrorCode(error, 'ESRCH');
  }
}
