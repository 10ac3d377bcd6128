import { join } from 'node:path';
import { DEV_PARTIES_FILE, REPO_ROOT } from '@welkom/infrastructure';
import { httpUrlVariableOf, WELKOM_SERVICES } from '../deploy/services';

/** One service `npm start` runs: its app under `apps/`, the development party whose certificate it presents. */
export interface StartService {
  readonly name: string;
  readonly party: string;
  /** Settings beyond what every service gets (ports, broker, database, TLS files, the hub's address). */
  readonly env: Readonly<Record<string, string>>;
  /** Services whose HTTP port it reads (the operations console): they start before it. */
  readonly readsHttpOf: readonly string[];
}

/** Where a started service listens. */
export interface StartedAddresses {
  readonly grpcAddress: string;
  readonly httpAddress: string;
}

/**
 * The addresses a service takes of those started before it: the hub's gRPC address (every connector calls the hub)
 * and the HTTP base URL of each service it reads (`<NAME>_HTTP_URL`). One function for the start script and the
 * specs that start every service, so none of them can forget one.
 */
export function addressesFor(service: StartService, started: ReadonlyMap<string, StartedAddresses>): Record<string, string> {
  const hub = started.get('hub');
  const env: Record<string, string> = hub ? { HUB_GRPC_ADDRESS: hub.grpcAddress } : {};
  for (const name of service.readsHttpOf) {
    const upstream = started.get(name);
    if (!upstream) throw new Error(`${service.name} reads ${name}, which has not started before it (deploy/services.ts order)`);
    env[httpUrlVariableOf(name)] = upstream.httpAddress;
  }
  return env;
}

/** The development grants every `npm start` seeds; the student and researcher chains must run on them as shipped. */
export const DEV_GRANTS_FILE = join(REPO_ROOT, 'deploy', 'hub', 'dev-grants.v1.json');

/**
 * The services `npm start` runs (deploy/services.ts, in start order: agency connectors need the hub), with their
 * development party and settings. One list for the start script and for the spec that runs the chain on the
 * shipped configuration (test/shipped-configuration.e2e-spec.ts), so that spec cannot drift from `npm start`.
 * `secret` gives a development secret by name (the start script keeps them in the git-ignored cache).
 */
export function startServices(secret: (name: string) => string): readonly StartService[] {
  const environment: Readonly<Record<string, Record<string, string>>> = {
    hub: {
      PARTY_SEED_FILE: DEV_PARTIES_FILE,
      GRANT_SEED_FILE: DEV_GRANTS_FILE,
      SUBJECT_PSEUDONYM_SECRET: secret('SUBJECT_PSEUDONYM_SECRET'),
      SUBJECT_SEALING_KEYS: secret('SUBJECT_SEALING_KEY'),
    },
  };
  return WELKOM_SERVICES.map((service) => ({
    name: service.name,
    party: service.devParty,
    env: environment[service.name] ?? {},
    readsHttpOf: service.readsHttpOf ?? [],
  }));
}
