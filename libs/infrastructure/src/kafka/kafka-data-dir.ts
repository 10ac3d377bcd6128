import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isProcessAlive } from './kafka-process';

const prefix = 'welkom-kafka-';
const ownerFile = 'owner.pid';
const brokerPidFile = 'broker.pid';

/**
 * A throwaway data dir for one process. Its owner's pid is recorded so that later starts can delete it once the
 * owner is gone: exit hooks do not run in killed processes, nor reliably inside jest's test sandbox.
 */
export async function createThrowawayDataDir(): Promise<string> {
  await removeAbandonedDataDirs();
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeFile(join(dir, ownerFile), `${process.pid}\n`);
  return dir;
}

/** Throwaway dirs whose owner and broker are both dead. Dirs without an owner file are never touched. */
async function removeAbandonedDataDirs(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => []);
  for (const name of names.filter((each) => each.startsWith(prefix))) {
    const dir = join(tmpdir(), name);
    const owner = await readPid(join(dir, ownerFile));
    if (owner === 0 || isProcessAlive(owner)) continue;
    const broker = await readPid(join(dir, brokerPidFile));
    if (broker > 0 && isProcessAlive(broker)) continue;
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function readPid(path: string): Promise<number> {
  const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? pid : 0;
}
