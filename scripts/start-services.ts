import { join } from 'node:path';
import { DEV_PARTIES_FILE, REPO_ROOT } from '@welkom/infrastructure';
import { WELKOM_SERVICES } from '../deploy/services';

/** One service `npm start` runs: its app under `apps/`, the development party whose certificate it presents. */
export interface StartService {
  readonly name: string;
  readonly party: string;
  /** Settings beyond what every service gets (ports, broker, database, TLS files, the hub's address). */
  readonly env: Readonly<Record<string, string>>;
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
  return WELKOM_SERVICES.map((service) => ({ name: service.name, party: service.devParty, env: environment[service.name] ?? {} }));
}
