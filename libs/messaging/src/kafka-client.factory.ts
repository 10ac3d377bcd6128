import { Logger } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, type LogEntry, type Producer } from 'kafkajs';

/** kafkajs logs through Nest's logger, so broker trouble shows up in the service log with its context. */
function nestLogCreator(clientId: string) {
  const logger = new Logger(`kafka:${clientId}`);
  return () =>
    ({ level, log }: LogEntry): void => {
      const { message, ...extra } = log;
      const text = `${message} ${Object.keys(extra).length > 0 ? JSON.stringify(extra) : ''}`.trim();
      if (level === logLevel.ERROR) logger.error(text);
      else if (level === logLevel.WARN) logger.warn(text);
      else logger.debug(text);
    };
}

export function createKafkaClient(options: { clientId: string; brokers: string[] }): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator(options.clientId),
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

/**
 * Idempotent producer, one request in flight so per-key order survives retries, and the Java-compatible
 * murmur2 partitioner, so a key lands on the same partition whichever language produced it.
 */
export function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
