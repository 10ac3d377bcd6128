export {
  DEV_CA_COMMON_NAME,
  ensureDevCertificates,
  ensureDevOperatorCertificates,
  operatorCertificateKey,
  ensureUntrustedCertificates,
  UNTRUSTED_CA_COMMON_NAME,
  type DevCertificates,
  type DevOperator,
  type DevParty,
  type OperatorCertificateFiles,
  type PartyCertificateFiles,
} from './certs/dev-certificates';
export {
  CERTIFICATES_DIR,
  DEV_OPERATORS_FILE,
  DEV_PARTIES_FILE,
  devDatabaseName,
  devKafkaBrokerTls,
  devSecret,
  ensureDevPki,
  readDevOperators,
  readDevParties,
  startInfrastructure,
  type Infrastructure,
} from './infrastructure';
export {
  resolveKafka,
  startKafkaBroker,
  startKafkaCluster,
  stopKafkaBrokerByPidFile,
  type KafkaBrokerHandle,
  type KafkaBrokerTls,
  type KafkaClusterHandle,
  type ResolvedKafka,
  type StartKafkaBrokerOptions,
  type StartKafkaClusterOptions,
} from './kafka/kafka-broker';
export { replicationFor, type KafkaBrokerSasl, type KafkaScramMechanism } from './kafka/kafka-server-config';
export { ensureKafkaJars, KafkaPrerequisiteError } from './kafka/kafka-jars';
export { isProcessAlive } from './kafka/kafka-process';
export { resolvePostgres, type PostgresHandle } from './postgres/postgres-server';
export { REPO_ROOT } from './repo-root';
export { httpUrlVariableOf, WELKOM_SERVICES, type WelkomService } from './welkom-services';
