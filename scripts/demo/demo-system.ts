import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KafkaTlsFiles } from '@welkom/messaging';

/** One running service as a back office (and an operator) reaches it. */
export interface RunningService {
  readonly grpc: string;
  /** `http://host:port`. */
  readonly http: string;
  /** The environment it was started with: the demo's rehearsal replica and the DLT replay log reuse it. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * The system the demo runs against, as `npm start` describes it in `.cache/running-system.json` (or as a test
 * assembles it from the services it started): where each service listens, the broker and the party certificates.
 */
export interface DemoSystem {
  readonly services: Readonly<Record<string, RunningService>>;
  readonly kafkaBrokers: readonly string[];
  /** The operators' tooling identity on the secured broker (`welkom-kafka-admin`); undefined on a plaintext one. */
  readonly kafkaTls?: KafkaTlsFiles;
  readonly caCertificatePath: string;
  /** Certificate and key by party key (`university-leiden`, `consular.nairobi`, `operator.anna.devries`, …). */
  readonly parties: Readonly<Record<string, { readonly certificatePath: string; readonly privateKeyPath: string }>>;
}

/** Written by `npm start` once every service is ready, removed when it stops. */
export function runningSystemFile(repoRoot: string): string {
  return join(repoRoot, '.cache', 'running-system.json');
}

export function writeRunningSystem(file: string, system: DemoSystem): void {
  writeFileSync(file, `${JSON.stringify(system, null, 2)}\n`, { mode: 0o600 });
}

export function removeRunningSystem(file: string): void {
  rmSync(file, { force: true });
}

export function readRunningSystem(file: string): DemoSystem {
  if (!existsSync(file)) throw new Error(`No running system described in ${file}: start it with \`npm start\` in another terminal first`);
  return JSON.parse(readFileSync(file, 'utf8')) as DemoSystem;
}

/** A service of the system, or a one-line error naming what is missing. */
export function serviceOf(system: DemoSystem, name: string): RunningService {
  const service = system.services[name];
  if (!service) throw new Error(`The running system has no ${name} service`);
  return service;
}
