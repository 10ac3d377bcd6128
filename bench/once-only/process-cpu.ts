import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * CPU time (user + system, µs) a process has used, from /proc/<pid>/stat. Unlike wall-clock throughput it
 * hardly changes when other work shares the machine, so it tells what a request costs.
 */
export function processCpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name in parentheses; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0; // the process ended (a database backend that was closed)
  }
}

export function cpuByProcess(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, processCpuMicros(pid)]));
}

/**
 * CPU the processes used between two readings. A process that ended in between is left out (its last
 * reading is gone); one that started in between counts from zero.
 */
export function cpuSpentMicros(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let spent = 0;
  for (const [pid, micros] of after) if (micros > 0) spent += micros - (before.get(pid) ?? 0);
  return spent;
}
