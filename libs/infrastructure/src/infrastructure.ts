import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureDevCertificates, type DevCertificates, type DevParty } from './certs/dev-certificates';
import { ensureKafkaCertificates, KAFKA_ADMIN_IDENTITY, KAFKA_BROKER_IDENTITY, type KafkaCertificates } from './certs/kafka-certificates';
import { resolveKafka } from './kafka/kafka-broker';
import { resolvePostgres } from './postgres/postgres-server';
import { REPO_ROOT } from './repo-root';
import { WELKOM_SERVICES } from './welkom-services';
import { allTopicDefinitions } from '@welkom/events';
import { createKafkaClient, ensureTopics, type KafkaTlsFiles, partyKafkaAcls, replaceKafkaAcls } from '@welkom/messaging';
import { readPartyFile } from '@welkom/reference-data';

export const DEV_PARTIES_FILE = join(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json');
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
 * What every run needs besides the code: a Kafka broker (KAFKA_BROKERS, or a real Apache Kafka started
 * from Maven Central jars), a PostgreSQL (DATABASE_URL, the local server, or an embedded one) and the
 * development PKI. `npm start` and `npm test` both come through here, so they behave the same.
 */
export async function startInfrastructure(options: { log: (line: string) => void; kafkaDataDir?: string }): Promise<Infrastructure> {
  const securedKafka = async (): Promise<{ certificates: DevCertificates; kafka: Awaited<ReturnType<typeof resolveKafka>> }> => {
    const certificates = await ensureDevCertificates(CERTIFICATES_DIR, readDevParties());
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

function brokerTls(certificates: DevCertificates, kafka: KafkaCertificates) {
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
