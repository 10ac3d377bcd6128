import { allTopicDefinitions, TOPICS } from '@welkom/events';
import {
  buildSignedRecord,
  createKafkaClient,
  EnvelopeSigner,
  ensureTopics,
  PartyDirectory,
  ProducerSession,
  type KafkaTlsFiles,
  type SigningIdentityFiles,
} from '@welkom/messaging';
import type { HistoryStatusEvent } from './history-status-events';

/** Where imported status events go: the Kafka topic in production, a list in unit tests. */
export interface HistoryEventSink {
  /** The party the events are signed as. */
  readonly partyOin: string;
  /** Resolves once the events are signed and handed to the producer; the previous batch is sent by then. */
  publish(events: readonly HistoryStatusEvent[]): Promise<void>;
  /** Resolves once everything handed over is acknowledged by the broker (acks=all). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface KafkaHistoryEventSinkOptions {
  readonly brokers: string[];
  /** Mutual TLS as the importing party; the topic must then exist already (a party holds no CREATE right). */
  readonly tls?: KafkaTlsFiles;
  readonly signing: SigningIdentityFiles;
  /** Party reference data: the importing party must hold a publisher role of the status topic. */
  readonly partyDirectoryFile: string;
}

/** Refused before anything is sent: every consumer would dead-letter the events of a party without the role. */
export class PublisherRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublisherRoleError';
  }
}

/**
 * Publishes status events as the importing party, straight to Kafka: an import records no state change of
 * its own (the history happened elsewhere), and name-based event ids make a retried or repeated import
 * harmless, which is what the outbox would otherwise buy. Signing runs on the thread pool while the previous
 * batch is on the wire; one batch in flight keeps the per-application order (SUBMITTED before the decision).
 */
export class KafkaHistoryEventSink implements HistoryEventSink {
  private inFlight: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly signer: EnvelopeSigner,
    private readonly producer: ProducerSession,
  ) {}

  static async connect(options: KafkaHistoryEventSinkOptions): Promise<KafkaHistoryEventSink> {
    const topic = TOPICS.applicationStatusChanged;
    const signer = EnvelopeSigner.fromFiles(options.signing);
    if (!PartyDirectory.fromFile(options.partyDirectoryFile).mayPublish(signer.signerOin, topic)) {
      throw new PublisherRoleError(
        `party ${signer.signerOin} holds none of the roles that may publish on ${topic.name} (${topic.publisherRoles.join(', ')})`,
      );
    }
    const kafka = createKafkaClient({ clientId: 'eu-reporting-history-import', brokers: options.brokers, tls: options.tls });
    if (!options.tls) {
      await ensureTopics(
        kafka,
        allTopicDefinitions().filter((definition) => definition.name === topic.name),
      );
    }
    return new KafkaHistoryEventSink(signer, ProducerSession.reliable(kafka));
  }

  get partyOin(): string {
    return this.signer.signerOin;
  }

  async publish(events: readonly HistoryStatusEvent[]): Promise<void> {
    const topic = TOPICS.applicationStatusChanged;
    const records = await Promise.all(
      events.map((event) =>
        // The envelope says when the event was published, now; the decision's own date travels in the payload.
        // An envelope dated years back would be refused by every consumer's freshness window as a replay.
        buildSignedRecord(topic, event.payload, this.signer, {
          eventId: event.eventId,
          correlationId: event.correlationId,
          traceparent: event.traceparent,
        }),
      ),
    );
    await this.inFlight;
    const sent = this.producer.sendBatch({
      topicMessages: [
        { topic: topic.name, messages: records.map((record) => ({ key: record.key, value: record.value, headers: record.headers })) },
      ],
    });
    // Observed by the next publish or flush; until then a failure must not count as unhandled.
    sent.catch(() => undefined);
    this.inFlight = sent;
  }

  async flush(): Promise<void> {
    await this.inFlight;
  }

  async close(): Promise<void> {
    await this.producer.close();
  }
}
