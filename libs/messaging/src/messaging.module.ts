import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { allTopicDefinitions, type TopicDefinition } from '@welkom/events';
import { METRICS_REGISTRY } from '@welkom/observability';
import { EventPublisher } from './event-publisher';
import { DEFAULT_EVENT_FRESHNESS_WINDOW_MS, EventFreshness } from './consumer/event-freshness';
import { EVENT_INBOX } from './inbox/event-inbox';
import { Inbox, type InboxOptions } from './inbox/inbox.repository';
import { createKafkaClient, type KafkaSaslSettings, type KafkaTlsFiles } from './kafka-client.factory';
import { KafkaHealthProbe } from './kafka.health-probe';
import { MessagingMetrics } from './messaging.metrics';
import { KAFKA_CLIENT, KAFKA_PRODUCER, MESSAGING_OPTIONS } from './messaging.tokens';
import { EVENT_OUTBOX } from './outbox/event-outbox';
import { KafkaOutboxSink } from './outbox/outbox-record.sink';
import { OutboxRelay, type OutboxRelaySettings } from './outbox/outbox.relay';
import { OutboxWriter } from './outbox/outbox.writer';
import { ProducerSession } from './producer-session';
import { CertificateTrust } from './signing/certificate-trust';
import { EnvelopeSigner } from './signing/envelope.signer';
import { EnvelopeVerifier } from './signing/envelope.verifier';
import { SigningCertificateDirectory } from './signing/signing-certificate.directory';
import { VerifiedTopicReader } from './verified-topic.reader';
import { TopicFiguresReader } from './dead-letter/topic-figures.reader';
import { PartyDirectory } from './signing/party-directory';
import { ensureTopics } from './topic-admin';
import { TopicCatalog } from './topic-catalog';

export interface MessagingOptions {
  clientId: string;
  brokers: string[];
  /** Mutual TLS to the brokers; absent for a plaintext (development) broker, or a SASL one. */
  tls?: KafkaTlsFiles;
  /** SASL over TLS to the brokers (a cluster that authenticates with passwords); never beside `tls`. */
  sasl?: KafkaSaslSettings;
  /** OIN of the party this service acts for; stamped on every envelope it publishes. */
  partyOin: string;
  /** The party's TLS certificate and key (EC P-256): every envelope is signed with them (ES256). */
  signing: { certificatePath: string; privateKeyPath: string };
  /** What consumers check signatures against: the party CA and the party roles (reference data). */
  trust: { caCertificatePath: string; partyDirectoryFile: string };
  /** Events older than this (by their signed time) are dead-lettered as STALE, unless replayed; default a week. */
  freshnessWindowMs?: number;
  /** Consumer group the inbox assumes when an event does not name one; defaults to clientId. */
  consumerGroup?: string;
  /** Topics besides the registry's, created at start (tests declare their own). */
  extraTopics?: TopicDefinition<unknown>[];
  /**
   * Whether the service creates the declared topics at start (the default). False on a secured cluster, where a
   * party holds no CREATE right: its administrator made them (Strimzi KafkaTopics, the development broker's start).
   */
  createTopics?: boolean;
  /** Outbox relay tuning; `enabled: false` for processes that must not publish the outbox (tools). */
  relay?: Partial<OutboxRelaySettings> & { enabled?: boolean };
}

/** The relay runs in every service: started once the app is up, stopped before the database goes away. */
@Injectable()
class OutboxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.relay?.enabled !== false) this.relay.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}

@Injectable()
class ProducerLifecycle implements OnApplicationShutdown {
  constructor(@Inject(KAFKA_PRODUCER) private readonly producer: ProducerSession) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
  }
}

function outboxBacklog(dataSource: DataSource) {
  return async (): Promise<{ topic: string; pending: number; oldestSeconds: number }[]> => {
    const rows = await dataSource.query<{ topic: string; pending: number; oldestSeconds: number }[]>(
      `SELECT topic, count(*)::int AS pending, EXTRACT(EPOCH FROM now() - min(enqueued_at))::float8 AS "oldestSeconds"
         FROM messaging_outbox GROUP BY topic`,
    );
    return rows;
  };
}

@Module({})
export class MessagingModule {
  /**
   * Reads nothing while the module is declared (tools inspect service modules without certificates);
   * the key, certificates and party directory are loaded, and checked, when the app starts.
   */
  static forRoot(options: MessagingOptions): DynamicModule {
    const catalog = new TopicCatalog([...allTopicDefinitions(), ...(options.extraTopics ?? [])]);
    const inboxOptions: InboxOptions = { consumerGroup: options.consumerGroup ?? options.clientId };
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: { ...options, ...inboxOptions } },
        { provide: KAFKA_CLIENT, useValue: createKafkaClient(options) },
        { provide: TopicCatalog, useValue: catalog },
        {
          provide: SigningCertificateDirectory,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) => new SigningCertificateDirectory(kafka),
        },
        {
          provide: EnvelopeSigner,
          useFactory: () => {
            // By thumbprint: the certificate is registered in the directory before anything is published.
            const signer = EnvelopeSigner.fromFiles(options.signing, 'x5t#S256');
            if (signer.signerOin !== options.partyOin) {
              throw new Error(`The signing certificate is party ${signer.signerOin}, but this service acts for ${options.partyOin}`);
            }
            return signer;
          },
        },
        {
          provide: EnvelopeVerifier,
          inject: [SigningCertificateDirectory],
          useFactory: (certificates: SigningCertificateDirectory) =>
            new EnvelopeVerifier(
              CertificateTrust.fromCaFile(options.trust.caCertificatePath),
              PartyDirectory.fromFile(options.trust.partyDirectoryFile),
              undefined,
              certificates,
            ),
        },
        {
          provide: EventFreshness,
          inject: [EnvelopeVerifier],
          useFactory: (verifier: EnvelopeVerifier) =>
            new EventFreshness(options.freshnessWindowMs ?? DEFAULT_EVENT_FRESHNESS_WINDOW_MS, verifier),
        },
        {
          provide: MessagingMetrics,
          inject: [{ token: METRICS_REGISTRY, optional: true }, DataSource],
          useFactory: (registry: Registry | undefined, dataSource: DataSource) => new MessagingMetrics(registry, outboxBacklog(dataSource)),
        },
        {
          provide: KAFKA_PRODUCER,
          inject: [KAFKA_CLIENT, SigningCertificateDirectory, EnvelopeSigner],
          useFactory: async (kafka: Kafka, certificates: SigningCertificateDirectory, signer: EnvelopeSigner) => {
            // Declared topics exist before anything publishes or subscribes.
            if (options.createTopics !== false) await ensureTopics(kafka, catalog.all());
            // Every publisher (the relay, EventPublisher) waits for this provider, so no record signed by
            // thumbprint reaches Kafka before a consumer can resolve the thumbprint.
            await certificates.register(signer.certificateChain);
            // The other parties' certificates, read once now rather than on the first event of each.
            void certificates.refresh().catch(() => undefined);
            return ProducerSession.reliable(kafka);
          },
        },
        {
          provide: EventPublisher,
          inject: [KAFKA_PRODUCER, EnvelopeSigner, MessagingMetrics],
          useFactory: (producer: ProducerSession, signer: EnvelopeSigner, metrics: MessagingMetrics) =>
            new EventPublisher(producer, signer, metrics),
        },
        {
          provide: OutboxRelay,
          // KAFKA_PRODUCER first: the topics exist before the relay publishes to them.
          inject: [DataSource, KAFKA_CLIENT, MessagingMetrics, KAFKA_PRODUCER],
          useFactory: (dataSource: DataSource, kafka: Kafka, metrics: MessagingMetrics) =>
            new OutboxRelay(dataSource, new KafkaOutboxSink(ProducerSession.reliable(kafka)), metrics, options.relay),
        },
        OutboxWriter,
        Inbox,
        VerifiedTopicReader,
        TopicFiguresReader,
        // The ports services inject, bound here so no service module repeats (or varies) the binding.
        { provide: EVENT_OUTBOX, useExisting: OutboxWriter },
        { provide: EVENT_INBOX, useExisting: Inbox },
        OutboxRelayLifecycle,
        ProducerLifecycle,
        KafkaHealthProbe,
      ],
      exports: [
        KAFKA_CLIENT,
        MESSAGING_OPTIONS,
        TopicCatalog,
        EnvelopeSigner,
        EnvelopeVerifier,
        EventFreshness,
        SigningCertificateDirectory,
        VerifiedTopicReader,
        TopicFiguresReader,
        MessagingMetrics,
        EventPublisher,
        OutboxWriter,
        Inbox,
        EVENT_OUTBOX,
        EVENT_INBOX,
        OutboxRelay,
        KafkaHealthProbe,
      ],
    };
  }
}
