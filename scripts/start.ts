import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { ensureDatabase, provisionServiceRoles } from '@welkom/persistence';
import { devDatabaseName, devSecret, REPO_ROOT, startInfrastructure } from '@welkom/infrastructure';
import { addressesFor, type StartedAddresses, startServices } from './start-services';
import { removeRunningSystem, runningSystemFile, type RunningService, writeRunningSystem } from './demo/demo-system';

/** The services `npm start` runs, in start order, with their development party and settings (scripts/start-services.ts). */
const SERVICES = startServices(devSecret);

const BASE_GRPC_PORT = Number(process.env.WELKOM_BASE_GRPC_PORT ?? 50051);
const BASE_HTTP_PORT = Number(process.env.WELKOM_BASE_HTTP_PORT ?? 8081);

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Stable ports people can remember (50051…, 8081…), moving up past any that are taken. */
async function nextFreePort(from: number, taken: Set<number>): Promise<number> {
  let port = from;
  while (taken.has(port) || !(await portIsFree(port))) port += 1;
  taken.add(port);
  return port;
}

function waitForReady(child: ChildProcess, name: string): Promise<StartedAddresses> {
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      process.stdout.write(text.replace(/^(?=.)/gm, `[${name}] `));
      const ready = /ready grpc=(\S+) http=(\S+)/.exec(text);
      if (ready) resolve({ grpcAddress: ready[1], httpAddress: ready[2] });
    });
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk.toString('utf8').replace(/^(?=.)/gm, `[${name}] `)));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
  });
}

/**
 * `npm start`: Kafka, PostgreSQL and certificates as the project provides them, then every service as its
 * own process. Ctrl-C stops the services, then the broker and any database this script started.
 */
async function main(): Promise<void> {
  const log = (line: string): void => console.log(`[infrastructure] ${line}`);
  const infrastructure = await startInfrastructure({ log, kafkaDataDir: join(REPO_ROOT, '.cache', 'kafka', 'data') });
  console.log(`Kafka:      ${infrastructure.kafkaDescription}`);
  console.log(`PostgreSQL: ${infrastructure.postgresDescription}`);

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (exitCode: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      console.log('\nStopping services…');
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
      removeRunningSystem(runningSystemFile(REPO_ROOT));
      await infrastructure.stop();
      console.log('Stopped.');
    }
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const taken = new Set<number>();
  const started = new Map<string, StartedAddresses>();
  const running: Record<string, RunningService> = {};
  for (const service of SERVICES) {
    const database = devDatabaseName(service.name);
    await ensureDatabase(infrastructure.postgresUrl, database);
    // The owner role migrates, the service runs as a role with data access only (deploy/postgres/ROLES.md).
    const roles = await provisionServiceRoles(infrastructure.postgresUrl, database, service.name);
    const party = infrastructure.certificates.parties[service.party];
    const grpcPort = await nextFreePort(BASE_GRPC_PORT, taken);
    const httpPort = await nextFreePort(BASE_HTTP_PORT, taken);
    const serviceEnv: Record<string, string> = {
      // A person at a terminal reads the services' logs through this script's pipe: pretty unless asked otherwise.
      LOG_FORMAT: process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      GRPC_PORT: String(grpcPort),
      HTTP_PORT: String(httpPort),
      KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
      // The project's broker requires each service's party certificate (TLS_CERT_FILE) and applies its ACLs.
      KAFKA_SECURITY: infrastructure.kafkaTls ? 'tls' : 'plaintext',
      DATABASE_URL: roles.serviceUrl,
      DATABASE_MIGRATION_URL: roles.migrationUrl,
      TLS_CA_FILE: infrastructure.certificates.caCertificatePath,
      TLS_CERT_FILE: party.certificatePath,
      TLS_KEY_FILE: party.privateKeyPath,
      ...addressesFor(service, started),
      ...service.env,
    };
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', service.name, 'src', 'main.ts')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...serviceEnv },
    });
    children.push(child);
    child.once('exit', (code) => {
      if (!stopping) {
        console.error(`${service.name} stopped unexpectedly (exit ${code}); stopping everything`);
        void stopAll(1);
      }
    });
    const addresses = await waitForReady(child, service.name);
    started.set(service.name, addresses);
    // Only what this script set: the rest of its own environment is the person's shell, not the service's settings.
    running[service.name] = { grpc: addresses.grpcAddress, http: addresses.httpAddress, env: serviceEnv };
  }

  console.log('\nWelkom Hub is running:');
  console.log(`  ${'kafka'.padEnd(12)} ${infrastructure.kafkaBrokers.join(',')}`);
  console.log(`  ${'postgresql'.padEnd(12)} ${infrastructure.postgresDescription}`);
  for (const [name, { grpcAddress, httpAddress }] of started) console.log(`  ${name.padEnd(12)} grpc=${grpcAddress} http=${httpAddress}`);
  const operationsConsole = started.get('console');
  if (operationsConsole) console.log(`Operations console: ${operationsConsole.httpAddress}/ (read-only)`);
  console.log(`  certificates ${join(infrastructure.certificates.caCertificatePath, '..')}`);
  // What `npm run demo` (and any tool acting as the parties' back offices) reads to find this system.
  writeRunningSystem(runningSystemFile(REPO_ROOT), {
    services: running,
    kafkaBrokers: infrastructure.kafkaBrokers,
    kafkaTls: infrastructure.kafkaTls,
    caCertificatePath: infrastructure.certificates.caCertificatePath,
    parties: infrastructure.certificates.parties,
  });
  console.log('Press Ctrl-C to stop everything. Then try `npm run demo` in another terminal.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
