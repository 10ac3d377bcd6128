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
import { ensureKafkaCertificates, KAFKA_ADMIN_IDENTITY, KAFKA_BROKER_IDENTITY, type KafkaCertificates } from './certs/kafka-certificates';
import { resolveKafka, type KafkaBrokerTls } from './kafka/kafka-broker';
import { resolvePostgres } from './postgres/postgres-server';
import { REPO_ROOT } from './repo-root';
import { WELKOM_SERVICES } from './welkom-services';
import { allTopicDefinitions } from '@welkom/events';
import { createKafkaClient, ensureTopics, type KafkaTlsFiles, partyKafkaAcls, replaceKafkaAcls } from '@welkom/messaging';
import { readOperatorRegister, readPartyFile } from '@welkom/reference-data';

export const DEV_PARTIES_FILE = join(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json');
export const DEV_OPERATORS_FILE = join(REPO_ROOT, 'deploy', 'hub', 'operators.v1.json');
export const CERTIFICATES_DIR = join(REPO_ROOT, '.cache', 'certs');

export interface Infrastructure {
  kafkaBrokers: string[];
  /**
   * The project's tooling identity (a super user) on the secured development broker, for the start script's
   * and the test harness's own admin and inspection clients; undefined on an external cluster (KAFKA_BROKERS).
   * Services never use it: each connects as its party.
   */
  kafkaTls?: KafkaTlsFiles;
  kafkaDescription: string;
  /** URL of the PostgreSQL maintenance database; services get databases of their own on that server. */
  postgresUrl: string;
  postgresDescription: string;
  certificates: DevCertificates;
  stop(): Promise<void>;
}

/** The development parties, read through libs/reference-data; each needs a `key` to name its certificate. */
export function readDevParties(file: string = DEV_PARTIES_FILE): DevParty[] {
  const servingRoles = new Set(WELKOM_SERVICES.map((service) => service.role));
  return readPartyFile(file).parties.map((party, index) => {
    if (!party.key) throw new Error(`${file}: parties[${index}] (${party.oin}) has no key to name its development certificate`);
    if (party.key === KAFKA_BROKER_IDENTITY || party.key === KAFKA_ADMIN_IDENTITY) {
      throw new Error(`${file}: parties[${index}] has the key "${party.key}", which names a super user of the development broker`);
    }
    return {
      key: party.key,
      oin: party.oin,
      name: party.name,
      subUnits: (party.subUnits ?? []).map((unit) => unit.code),
      // Every service serves gRPC, so a party holding a service's role may serve; the others are clients only.
      serves: party.roles.some((role) => servingRoles.has(role)),
    };
  });
}

/**
 * The development operators (people acting for the hub operator): everyone in the shipped operator register
 * (deploy/hub/operators.v1.json), the file the hub checks operator certificates against, so the certificates
 * `npm run certs` makes and the register the hub loads by default never disagree.
 */
export function readDevOperators(file: string = DEV_OPERATORS_FILE): DevOperator[] {
  return readOperatorRegister(file).operators.map(({ id, name }) => ({ id, name }));
}

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
  const securedKafka = async (): Promise<{ certificates: DevCertificates; kafka: Awaited<ReturnType<typeof resolveKafka>> }> => {
    const certificates = await ensureDevPki(CERTIFICATES_DIR);
    const kafkaCertificates = await ensureKafkaCertificates(CERTIFICATES_DIR);
    const kafka = await resolveKafka({ log: options.log, dataDir: options.kafkaDataDir, tls: brokerTls(certificates, kafkaCertificates) });
    if (kafka.started) await prepareSecuredBroker(kafka.brokers, kafkaCertificates, certificates, options.log);
    return { certificates, kafka };
  };
  const [{ certificates, kafka }, postgres] = await Promise.all([securedKafka(), resolvePostgres({ log: options.log })]);
  return {
    kafkaBrokers: kafka.brokers,
    kafkaTls: kafka.tls,
    kafkaDescription: kafka.started
      ? `Apache Kafka ${kafka.version} (KRaft, started by the project; mutual TLS, ACLs) at ${kafka.brokers.join(',')}`
      : `Kafka cluster from KAFKA_BROKERS at ${kafka.brokers.join(',')}`,
    postgresUrl: postgres.url,
    postgresDescription: postgres.description,
    certificates,
    stop: async () => {
      await Promise.allSettled([kafka.started?.stop(), postgres.stop()]);
    },
  };
}

/**
 * The development broker's security as `npm start` runs it (its certificate, the development CA, the super users),
 * for a spec that starts a broker of its own secured the same way, e.g. with a SASL listener added.
 */
export async function devKafkaBrokerTls(certificates: DevCertificates): Promise<KafkaBrokerTls> {
  return brokerTls(certificates, await ensureKafkaCertificates(CERTIFICATES_DIR));
}

function brokerTls(certificates: DevCertificates, kafka: KafkaCertificates): KafkaBrokerTls {
  return {
    caFile: certificates.caCertificatePath,
    certificateFile: kafka.broker.certificatePath,
    privateKeyFile: kafka.broker.privateKeyPath,
    // The nodes themselves, and the project's tooling: it creates the registry's topics and sets the ACLs below
    // before any service starts, and the test harness plays every party and reads any topic. A narrower
    // principal would need CREATE, ALTER and ALTER_CONFIGS on every topic and the cluster anyway.
    superUsers: [`User:${kafka.broker.commonName}`, `User:${kafka.admin.commonName}`],
    admin: {
      caFile: certificates.caCertificatePath,
      certificateFile: kafka.admin.certificatePath,
      privateKeyFile: kafka.admin.privateKeyPath,
    },
  };
}

/**
 * As its administrator would prepare a production cluster (Strimzi KafkaTopics and KafkaUsers from the same
 * registries): every registry topic and dead-letter topic exists, and each development party holds exactly the
 * ACLs the registry gives it, under the principal its certificate maps to (`User:<party key>`).
 */
async function prepareSecuredBroker(
  brokers: string[],
  kafkaCertificates: KafkaCertificates,
  certificates: DevCertificates,
  log: (line: string) => void,
): Promise<void> {
  const admin = kafkaCertificates.admin;
  const kafka = createKafkaClient({
    clientId: KAFKA_ADMIN_IDENTITY,
    brokers,
    tls: { caFile: certificates.caCertificatePath, certificateFile: admin.certificatePath, privateKeyFile: admin.privateKeyPath },
  });
  const topics = allTopicDefinitions();
  await ensureTopics(kafka, topics);
  const grants = readPartyFile(DEV_PARTIES_FILE).parties.flatMap((party) =>
    party.key ? [{ principal: `User:${party.key}`, rules: partyKafkaAcls({ party, topics, services: WELKOM_SERVICES }) }] : [],
  );
  const count = await replaceKafkaAcls(kafka, grants);
  log(`Kafka ACLs: ${count} for ${grants.length} parties, from the topic registry`);
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
