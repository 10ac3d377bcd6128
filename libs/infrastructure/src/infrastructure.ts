import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  ensureDevCertificates,
  ensureDevOperatorCertificates,
  type DevCertificates,
  type DevOperator,
  type DevParty,
} from './certs/dev-certificates';
import { resolveKafka } from './kafka/kafka-broker';
import { resolvePostgres } from './postgres/postgres-server';
import { REPO_ROOT } from './repo-root';
import { readPartyFile, readReferenceFile, referenceFileSchema } from '@welkom/reference-data';
import { z } from 'zod';

export const DEV_PARTIES_FILE = join(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json');
export const DEV_OPERATORS_FILE = join(REPO_ROOT, 'deploy', 'hub', 'dev-operators.json');
export const CERTIFICATES_DIR = join(REPO_ROOT, '.cache', 'certs');

export interface Infrastructure {
  kafkaBrokers: string[];
  kafkaDescription: string;
  /** URL of the PostgreSQL maintenance database; services get databases of their own on that server. */
  postgresUrl: string;
  postgresDescription: string;
  certificates: DevCertificates;
  stop(): Promise<void>;
}

/** The development parties, read through libs/reference-data; each needs a `key` to name its certificate. */
export function readDevParties(file: string = DEV_PARTIES_FILE): DevParty[] {
  return readPartyFile(file).parties.map((party, index) => {
    if (!party.key) throw new Error(`${file}: parties[${index}] (${party.oin}) has no key to name its development certificate`);
    return { key: party.key, oin: party.oin, name: party.name, subUnits: (party.subUnits ?? []).map((unit) => unit.code) };
  });
}

/** The development operators (people acting for the hub operator), from deploy/hub/dev-operators.json. */
export function readDevOperators(file: string = DEV_OPERATORS_FILE): DevOperator[] {
  return readReferenceFile(devOperatorFileSchema, file).operators;
}

const devOperatorFileSchema = referenceFileSchema({
  operators: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })).min(1),
});

/**
 * The development PKI: a certificate per party and sub-unit, then one per development operator under the same CA
 * (the hub operator's OIN, each person's UID). Operators are listed beside the parties, as `operator.<id>`, so a
 * test or tool calls as an operator the way it calls as a party.
 */
export async function ensureDevPki(dir: string = CERTIFICATES_DIR): Promise<DevCertificates> {
  const parties = readDevParties();
  const certificates = await ensureDevCertificates(dir, parties);
  const hub = readPartyFile(DEV_PARTIES_FILE).parties.find((party) => party.roles.includes('HUB_OPERATOR'));
  if (!hub) throw new Error(`${DEV_PARTIES_FILE} names no HUB_OPERATOR party to issue operator certificates for`);
  const operators = await ensureDevOperatorCertificates(dir, hub, readDevOperators());
  return {
    ...certificates,
    parties: { ...certificates.parties, ...operators.operators },
    generated: [...certificates.generated, ...operators.generated],
  };
}

/**
 * What every run needs besides the code: a Kafka broker (KAFKA_BROKERS, or a real Apache Kafka started
 * from Maven Central jars), a PostgreSQL (DATABASE_URL, the local server, or an embedded one) and the
 * development PKI. `npm start` and `npm test` both come through here, so they behave the same.
 */
export async function startInfrastructure(options: { log: (line: string) => void; kafkaDataDir?: string }): Promise<Infrastructure> {
  const [kafka, postgres, certificates] = await Promise.all([
    resolveKafka({ log: options.log, dataDir: options.kafkaDataDir }),
    resolvePostgres({ log: options.log }),
    ensureDevPki(CERTIFICATES_DIR),
  ]);
  return {
    kafkaBrokers: kafka.brokers,
    kafkaDescription: kafka.started
      ? `Apache Kafka ${kafka.version} (KRaft, started by the project) at ${kafka.brokers.join(',')}`
      : `Kafka cluster from KAFKA_BROKERS at ${kafka.brokers.join(',')}`,
    postgresUrl: postgres.url,
    postgresDescription: postgres.description,
    certificates,
    stop: async () => {
      await Promise.allSettled([kafka.started?.stop(), postgres.stop()]);
    },
  };
}

const DEV_SECRETS_FILE = join(REPO_ROOT, '.cache', 'dev-secrets.json');

/**
 * A development secret (e.g. the subject pseudonym key), made once per checkout and kept in the git-ignored
 * cache, so pseudonyms stay stable across `npm start` runs without a secret in the repository.
 */
export function devSecret(name: string): string {
  let secrets: Record<string, string> = {};
  if (existsSync(DEV_SECRETS_FILE)) secrets = JSON.parse(readFileSync(DEV_SECRETS_FILE, 'utf8')) as Record<string, string>;
  if (!secrets[name]) {
    secrets[name] = randomBytes(32).toString('base64url');
    mkdirSync(dirname(DEV_SECRETS_FILE), { recursive: true });
    writeFileSync(DEV_SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}

/**
 * The database `npm start` gives a service: `welkom_<service>_<checkout>`, where the checkout part is named by this
 * checkout's development pseudonym secret. A second clone makes its own secrets, so it gets databases of its own
 * instead of finding the first clone's, sealed under keys it does not hold (issue 12).
 */
export function devDatabaseName(service: string): string {
  const checkout = createHmac('sha256', devSecret('SUBJECT_PSEUDONYM_SECRET'))
    .update('welkom-dev-database', 'utf8')
    .digest('hex')
    .slice(0, 8);
  return `welkom_${service.replace(/-/g, '_')}_${checkout}`;
}
