import { Counter, Gauge, Registry } from 'prom-client';

/**
 * The event backbone's figures per topic, on the service's Prometheus registry: what was published,
 * consumed (and how much of that was a duplicate the inbox dropped), retried and dead-lettered, how far
 * the outbox and each consumer group are behind.
 */
export class MessagingMetrics {
  readonly published: Counter<'topic'>;
  readonly consumed: Counter<'topic' | 'group'>;
  readonly duplicates: Counter<'topic' | 'group'>;
  readonly retried: Counter<'topic' | 'group'>;
  readonly deadLettered: Counter<'topic' | 'group' | 'error_class'>;
  readonly consumerLag: Gauge<'topic' | 'partition' | 'group'>;
  readonly outboxPending: Gauge<'topic'>;
  readonly outboxOldestSeconds: Gauge<'topic'>;
  readonly relayLeader: Gauge;

  constructor(
    readonly registry: Registry = new Registry(),
    /** Rows waiting in the outbox per topic, read when Prometheus scrapes (not on every publish). */
    outboxBacklog?: () => Promise<{ topic: string; pending: number; oldestSeconds: number }[]>,
  ) {
    const registers = [registry];
    this.published = new Counter({
      name: 'welkom_events_published_total',
      help: 'Events written to Kafka (by the outbox relay or directly), per topic.',
      labelNames: ['topic'],
      registers,
    });
    this.consumed = new Counter({
      name: 'welkom_events_consumed_total',
      help: 'Events handed to a handler that completed, per topic and consumer group.',
      labelNames: ['topic', 'group'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'welkom_events_duplicates_total',
      help: 'Events the inbox had already seen (redelivery, replay, relay retry) and therefore skipped.',
      labelNames: ['topic', 'group'],
      registers,
    });
    this.retried = new Counter({
      name: 'welkom_events_retried_total',
      help: 'Handler attempts repeated after a transient failure.',
      labelNames: ['topic', 'group'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'welkom_events_dead_lettered_total',
      help: 'Records parked on <topic>.dlt, per error class.',
      labelNames: ['topic', 'group', 'error_class'],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'welkom_consumer_lag_events',
      help: 'Records on the partition after the last one this consumer group finished.',
      labelNames: ['topic', 'partition', 'group'],
      registers,
    });
    // One query per scrape refreshes both outbox gauges; prom-client awaits an async collect().
    let refreshing: Promise<void> | null = null;
    const refreshBacklog = (): Promise<void> => {
      if (!outboxBacklog) return Promise.resolve();
      refreshing ??= outboxBacklog()
        .then((rows) => {
          this.outboxPending.reset();
          this.outboxOldestSeconds.reset();
          for (const row of rows) {
            this.outboxPending.set({ topic: row.topic }, row.pending);
            this.outboxOldestSeconds.set({ topic: row.topic }, row.oldestSeconds);
          }
        })
        // A scrape during a database outage keeps the last figures rather than failing /metrics.
        .catch(() => undefined)
        .finally(() => {
          refreshing = null;
        });
      return refreshing;
    };
    this.outboxPending = new Gauge({
      name: 'welkom_outbox_pending_events',
      help: 'Outbox rows not yet published, per topic.',
      labelNames: ['topic'],
      registers,
      collect: refreshBacklog,
    });
    this.outboxOldestSeconds = new Gauge({
      name: 'welkom_outbox_lag_seconds',
      help: 'Age of the oldest unpublished outbox row, per topic.',
      labelNames: ['topic'],
      registers,
      collect: refreshBacklog,
    });
    this.relayLeader = new Gauge({
      name: 'welkom_outbox_relay_leader',
      help: '1 while this instance is the outbox relay leader for its database.',
      registers,
    });
  }
}
