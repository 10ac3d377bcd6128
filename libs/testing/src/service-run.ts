import { randomBytes } from 'node:crypto';
import type { GrpcContract } from '@welkom/contracts';
import { createClientCredentials, createGrpcClient, loadMtlsMaterial } from '@welkom/grpc';
import { databaseUrl, dropDatabase, ensureDatabase, provisionServiceRoles } from '@welkom/persistence';
import { startServiceProcess, type ServiceProcess } from './service-process';
import { serviceTestEnvironment, testInfrastructure, type TestInfrastructure } from './test-infrastructure';

/** A party's certificate and key, as issued by the development CA. */
export interface PartyFiles {
  readonly certificatePath: string;
  readonly privateKeyPath: string;
}

export interface ServiceStart {
  /** The app under `apps/`, run from `apps/<app>/src/main.ts`. */
  readonly app: string;
  /** The development party whose certificate the service presents. */
  readonly party: string;
  /** Settings beyond the ones every service gets (ports, broker, database, TLS files). */
  readonly env?: Record<string, string>;
  readonly readyTimeoutMs?: number;
}

/** A service started by a {@link ServiceRun}: its process (replaced on restart), database and clients. */
export interface ServiceUnderTest extends ServiceProcess {
  /** Its database as the server's administrator sees it (tests inspect, and tamper as a DBA would). */
  readonly databaseUrl: string;
  /** Its database as the service itself connects: the service role of deploy/postgres/ROLES.md. */
  readonly serviceDatabaseUrl: string;
  /** Milliseconds from spawn to the ready line of the last start. */
  readonly bootMs: number;
  /** The settings it runs with, as `npm start` would give them (a tool or a replica of it reuses them). */
  readonly env: Readonly<Record<string, string>>;
  /** A gRPC client of this service that calls as `party` over mTLS. */
  client<T extends object>(contract: GrpcContract, party: string): T;
  /**
   * Stops it (SIGKILL: a crash, or SIGTERM) and starts it again on the same ports and database, staying down for
   * `stayDownMs` at the least (an outage its callers must ride out).
   */
  restart(how: 'kill' | 'stop', extraEnv?: Record<string, string>, stayDownMs?: number): Promise<{ downMs: number; bootMs: number }>;
}

export interface ServiceRunOptions {
  /** Defaults to the shared infrastructure of the jest global setup; a spec may bring its own broker. */
  readonly infrastructure?: TestInfrastructure;
  /** Parties with certificates beyond the development parties (issued by the same CA for this run). */
  readonly extraParties?: Record<string, PartyFiles>;
}

/**
 * The services one spec runs, each the way `npm start` runs it: its own process from `apps/<app>/src/main.ts`,
 * its own fresh database (named after the run, migrated by the service at boot), the shared broker and the
 * development PKI, free ports; `stop()` stops them last-started first and drops their databases.
 */
export interface ServiceRun {
  readonly infrastructure: TestInfrastructure;
  start(service: ServiceStart): Promise<ServiceUnderTest>;
  /** A gRPC client calling as `party`, for any address (e.g. a service of this run). */
  client<T extends object>(contract: GrpcContract, address: string, party: string): T;
  stop(): Promise<void>;
}

export function serviceRun(label: string, options: ServiceRunOptions = {}): ServiceRun {
  const infrastructure = options.infrastructure ?? testInfrastructure();
  const runId = `${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const parties: Record<string, PartyFiles> = { ...infrastructure.certificates.parties, ...options.extraParties };
  const started: { service: ServiceUnderTest; database: string }[] = [];
  const clients = new Map<string, object>();

  const client = <T extends object>(contract: GrpcContract, address: string, party: string): T => {
    const key = `${contract.service}@${address}/${party}`;
    if (!clients.has(key)) {
      const files = parties[party];
      if (!files) throw new Error(`No certificate for party ${party}`);
      const { caCertificatePath } = infrastructure.certificates;
      const credentials = createClientCredentials(loadMtlsMaterial({ caCertificatePath, ...files }));
      clients.set(key, createGrpcClient(contract, address, credentials).getService<T>(contract.service));
    }
    return clients.get(key) as T;
  };

  return {
    infrastructure,
    client,
    async start(service) {
      // A second start of the same app (another party, a replica) gets a database of its own too.
      const sameApp = started.filter((each) => each.service.name === service.app).length;
      const database = `welkom_${service.app.replace(/-/g, '_')}_${runId}${sameApp > 0 ? `_${sameApp + 1}` : ''}`;
      await ensureDatabase(infrastructure.postgresUrl, database);
      // As npm start runs it: the owner role migrates, the service runs as a role with data access only.
      const roles = await provisionServiceRoles(infrastructure.postgresUrl, database, service.app);
      const url = databaseUrl(infrastructure.postgresUrl, database);
      const env = await serviceTestEnvironment(infrastructure, service.party, roles.serviceUrl, {
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        DATABASE_MIGRATION_URL: roles.migrationUrl,
        ...service.env,
      });
      const launch = async (extraEnv: Record<string, string> = {}): Promise<[ServiceProcess, number]> => {
        const begun = performance.now();
        const child = await startServiceProcess(service.app, { ...env, ...extraEnv }, { readyTimeoutMs: service.readyTimeoutMs });
        return [child, Math.round(performance.now() - begun)];
      };
      let [current, bootMs] = await launch();
      const underTest: ServiceUnderTest = {
        name: service.app,
        databaseUrl: url,
        serviceDatabaseUrl: roles.serviceUrl,
        get grpcAddress() {
          return current.grpcAddress;
        },
        get httpAddress() {
          return current.httpAddress;
        },
        get output() {
          return current.output;
        },
        get bootMs() {
          return bootMs;
        },
        env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
        stop: () => current.stop(),
        kill: () => current.kill(),
        client: <T extends object>(contract: GrpcContract, party: string) => client<T>(contract, current.grpcAddress, party),
        async restart(how, extraEnv = {}, stayDownMs = 0) {
          const begun = performance.now();
          await (how === 'kill' ? current.kill() : current.stop());
          const left = stayDownMs - (performance.now() - begun);
          if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
          const downMs = Math.round(performance.now() - begun);
          [current, bootMs] = await launch(extraEnv);
          return { downMs, bootMs };
        },
      };
      started.push({ service: underTest, database });
      return underTest;
    },
    async stop() {
      for (const { service } of [...started].reverse()) await service.stop();
      for (const { database } of started) await dropDatabase(infrastructure.postgresUrl, database);
      started.length = 0;
    },
  };
}
