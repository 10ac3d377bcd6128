import 'reflect-metadata';
import { z } from 'zod';
import { ConfigError, kafkaToolConfigSchema, kafkaToolSecurity, loadConfig, serviceConfigSchema } from '@welkom/config';
import { allTopicDefinitions } from '@welkom/events';
import {
  createKafkaClient,
  DeadLetterCommandError,
  DeadLetterReplayer,
  EnvelopeSigner,
  MESSAGING_ENTITIES,
  ProducerSession,
  runDeadLetterCommand,
  TopicCatalog,
} from '@welkom/messaging';
import { createDataSource } from '@welkom/persistence';
import { HubReplayAuthority, hubOinOf } from '@welkom/runtime';

/**
 * Only what the tool needs: where Kafka is (and how to authenticate to it) and, to record replays, a service database
 * and the hub, reached with the operator's personal certificate (issue 12: a replay is audited with the person, not
 * with a self-declared name).
 */
const dltConfigSchema = kafkaToolConfigSchema.extend({
  DATABASE_URL: serviceConfigSchema.shape.DATABASE_URL.optional(),
  /** The replaying party's certificate and key: each replay carries a mark signed with them, which lets a STALE event apply. */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  HUB_GRPC_ADDRESS: z.string().min(1).optional(),
  PARTY_DIRECTORY_FILE: serviceConfigSchema.shape.PARTY_DIRECTORY_FILE,
  TLS_CA_FILE: serviceConfigSchema.shape.TLS_CA_FILE.optional(),
  OPERATOR_TLS_CERT_FILE: z.string().min(1).optional(),
  OPERATOR_TLS_KEY_FILE: z.string().min(1).optional(),
});

/**
 * `npm run dlt -- list|show|replay …`: inspect dead letters and replay them to their source topics.
 * Replays are recorded in the messaging_dead_letter_replay table of DATABASE_URL (usually the database
 * of the service whose consumer parked them).
 */
async function main(argv: string[]): Promise<number> {
  const config = loadConfig(dltConfigSchema, process.env);
  const kafka = createKafkaClient({ clientId: 'welkom-dlt', brokers: config.KAFKA_BROKERS, ...kafkaToolSecurity(config) });
  const producer = ProducerSession.reliable(kafka);
  const dataSource = config.DATABASE_URL
    ? createDataSource({
        url: config.DATABASE_URL,
        entities: MESSAGING_ENTITIES,
        migrations: [],
        applicationName: 'welkom-dlt',
        poolSize: 1,
      })
    : undefined;
  try {
    await dataSource?.initialize();
    return await runDeadLetterCommand(argv, {
      kafka,
      topics: new TopicCatalog(allTopicDefinitions()),
      replayer: dataSource
        ? new DeadLetterReplayer(
            producer,
            dataSource,
            config.TLS_CERT_FILE && config.TLS_KEY_FILE
              ? EnvelopeSigner.fromFiles({ certificatePath: config.TLS_CERT_FILE, privateKeyPath: config.TLS_KEY_FILE })
              : undefined,
          )
        : undefined,
      authority:
        config.HUB_GRPC_ADDRESS && config.TLS_CA_FILE && config.OPERATOR_TLS_CERT_FILE && config.OPERATOR_TLS_KEY_FILE
          ? new HubReplayAuthority({
              hubAddress: config.HUB_GRPC_ADDRESS,
              hubOin: hubOinOf(config.PARTY_DIRECTORY_FILE),
              operator: {
                caCertificatePath: config.TLS_CA_FILE,
                certificatePath: config.OPERATOR_TLS_CERT_FILE,
                privateKeyPath: config.OPERATOR_TLS_KEY_FILE,
              },
            })
          : undefined,
      out: (line) => console.log(line),
    });
  } finally {
    await producer.close();
    await dataSource?.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof DeadLetterCommandError ? error.message : error);
    process.exit(error instanceof DeadLetterCommandError ? 2 : 1);
  },
);
