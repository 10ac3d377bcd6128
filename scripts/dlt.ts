import 'reflect-metadata';
import { userInfo } from 'node:os';
import { ConfigError, kafkaToolConfigSchema, kafkaToolTls, loadConfig, serviceConfigSchema } from '@welkom/config';
import { allTopicDefinitions } from '@welkom/events';
import {
  createKafkaClient,
  DeadLetterCommandError,
  DeadLetterReplayer,
  MESSAGING_ENTITIES,
  ProducerSession,
  runDeadLetterCommand,
  TopicCatalog,
} from '@welkom/messaging';
import { createDataSource } from '@welkom/persistence';

/** Only what the tool needs: where Kafka is and, to record replays, a service database. */
const dltConfigSchema = kafkaToolConfigSchema.extend({
  DATABASE_URL: serviceConfigSchema.shape.DATABASE_URL.optional(),
});

/**
 * `npm run dlt -- list|show|replay …`: inspect dead letters and replay them to their source topics.
 * Replays are recorded in the messaging_dead_letter_replay table of DATABASE_URL (usually the database
 * of the service whose consumer parked them).
 */
async function main(argv: string[]): Promise<number> {
  const config = loadConfig(dltConfigSchema, process.env);
  const kafka = createKafkaClient({ clientId: 'welkom-dlt', brokers: config.KAFKA_BROKERS, tls: kafkaToolTls(config) });
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
      replayer: dataSource ? new DeadLetterReplayer(producer, dataSource) : undefined,
      operator: userInfo().username,
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
