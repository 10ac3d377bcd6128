import type { KafkaMessage } from 'kafkajs';
import { DomainError } from '@welkom/errors';
import type { DeadLetter } from '../dead-letter';
import { MessagingMetrics } from '../messaging.metrics';
import type { ReceivedEvent } from '../received-event';
import { ConsumerStoppingError, EventBatchProcessor, type HandlerBinding, type ProcessingControl } from './event-batch.processor';
import type { DecodedRecord, RecordDecoder } from './record.decoder';

const TOPIC = 'welkom.test.case-fact.v1';

function message(offset: number, text: string): KafkaMessage {
  return { offset: String(offset), key: Buffer.from('case-1'), value: Buffer.from(text), timestamp: '0', attributes: 0, size: 0 };
}

function event(offset: number, text: string): ReceivedEvent<string> {
  return {
    envelope: {
      eventId: `00000000-0000-4000-8000-${String(offset).padStart(12, '0')}`,
      eventType: 'welkom.test.case-fact',
      schemaVersion: 1,
      sourcePartyOin: '00000001999999990000',
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'c',
      traceparent: '',
    },
    payload: text,
    topic: TOPIC,
    partition: 0,
    offset: String(offset),
  };
}

/** Records whose text starts with "poison" do not decode; everything else becomes an event carrying its text. */
const decoder: Pick<RecordDecoder, 'decode'> = {
  decode: async (_topic, _partition, record): Promise<DecodedRecord> => {
    const text = record.value?.toString() ?? '';
    if (text.startsWith('poison')) return { ok: false, errorClass: 'BAD_SIGNATURE', reason: 'forged' };
    return { ok: true, event: event(Number(record.offset), text) };
  },
};

const running: ProcessingControl = { heartbeat: async () => undefined, isRunning: () => true };

function processorWith(binding: HandlerBinding, maxAttempts = 3) {
  const parked: DeadLetter[] = [];
  const metrics = new MessagingMetrics();
  const processor = new EventBatchProcessor(
    decoder,
    new Map([[TOPIC, binding]]),
    async (letters) => {
      parked.push(...letters);
    },
    metrics,
    { groupId: 'group', maxAttempts, retryBaseDelayMs: 1, retryCeilingMs: 4 },
  );
  return { processor, parked, metrics };
}

async function counter(metrics: MessagingMetrics, name: 'consumed' | 'retried'): Promise<number> {
  const values = (await metrics[name].get()).values;
  return values.reduce((sum, value) => sum + value.value, 0);
}

describe('EventBatchProcessor', () => {
  it('parks poison with its reason and applies the good records around it, in order', async () => {
    const applied: string[] = [];
    const { processor, parked } = processorWith({
      batch: false,
      invoke: async (data) => {
        applied.push((data as ReceivedEvent<string>).payload);
      },
    });

    await processor.process(TOPIC, 0, [message(0, 'a'), message(1, 'poison'), message(2, 'b')], running);

    expect(applied).toEqual(['a', 'b']);
    expect(parked.map((letter) => [letter.offset, letter.errorClass, letter.reason, letter.consumerGroup])).toEqual([
      ['1', 'BAD_SIGNATURE', 'forged', 'group'],
    ]);
    expect(parked[0].value?.toString()).toBe('poison');
  });

  it('dead-letters a business rejection at once, without retrying it', async () => {
    let calls = 0;
    const { processor, parked, metrics } = processorWith({
      batch: false,
      invoke: async () => {
        calls += 1;
        throw new DomainError('FAILED_PRECONDITION', 'case closed');
      },
    });

    await processor.process(TOPIC, 0, [message(0, 'a')], running);

    expect(calls).toBe(1);
    expect(parked.map((letter) => [letter.errorClass, letter.reason])).toEqual([['BUSINESS_REJECTION', 'case closed']]);
    expect(await counter(metrics, 'retried')).toBe(0);
  });

  it('retries a transient failure and applies the event once it passes', async () => {
    let calls = 0;
    const { processor, parked, metrics } = processorWith({
      batch: false,
      invoke: async () => {
        calls += 1;
        if (calls < 3) throw Object.assign(new Error('could not obtain lock'), { code: '55P03' });
      },
    });

    await processor.process(TOPIC, 0, [message(0, 'a')], running);

    expect(parked).toEqual([]);
    expect(await counter(metrics, 'retried')).toBe(2);
    expect(await counter(metrics, 'consumed')).toBe(1);
  });

  it('dead-letters a transient failure once the attempts are used up', async () => {
    const { processor, parked } = processorWith({
      batch: false,
      invoke: async () => {
        throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      },
    });

    await processor.process(TOPIC, 0, [message(0, 'a')], running);

    expect(parked.map((letter) => [letter.errorClass, letter.reason])).toEqual([
      ['RETRIES_EXHAUSTED', 'after 3 attempts: deadlock detected'],
    ]);
  });

  it('waits out a database outage far beyond the attempts, then applies the events in order', async () => {
    const applied: string[] = [];
    let calls = 0;
    const outage = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('database "x" is not currently accepting connections'), { code: '55000' }),
      new DomainError('UNAVAILABLE', 'hub unreachable'),
    ];
    const { processor, parked, metrics } = processorWith({
      batch: false,
      invoke: async (data) => {
        calls += 1;
        if (calls <= 12) throw outage[calls % outage.length];
        applied.push((data as ReceivedEvent<string>).payload);
      },
    });

    await processor.process(TOPIC, 0, [message(0, 'a'), message(1, 'b')], running);

    expect(parked).toEqual([]);
    expect(applied).toEqual(['a', 'b']);
    expect(await counter(metrics, 'retried')).toBe(12);
  });

  it('keeps a batch whole while the database is down and applies it once when it is back', async () => {
    const calls: string[][] = [];
    const { processor, parked } = processorWith({
      batch: true,
      invoke: async (data) => {
        calls.push((data as ReceivedEvent<string>[]).map((each) => each.payload));
        if (calls.length <= 5) throw Object.assign(new Error('Connection terminated'), { driverError: { code: '08006' } });
      },
    });

    await processor.process(TOPIC, 0, [message(0, 'a'), message(1, 'b')], running);

    expect(parked).toEqual([]);
    expect(calls).toEqual(Array.from({ length: 6 }, () => ['a', 'b']));
  });

  it('stops waiting for a dependency when the consumer stops, parking nothing', async () => {
    let calls = 0;
    const { processor, parked } = processorWith({
      batch: false,
      invoke: async () => {
        calls += 1;
        throw new DomainError('UNAVAILABLE', 'hub unreachable');
      },
    });

    await expect(
      processor.process(TOPIC, 0, [message(0, 'a')], { heartbeat: async () => undefined, isRunning: () => calls < 7 }),
    ).rejects.toBeInstanceOf(ConsumerStoppingError);
    expect(calls).toBe(7);
    expect(parked).toEqual([]);
  });

  it('treats data the database refuses as a rejection, not as something to retry', async () => {
    const { processor, parked } = processorWith({
      batch: false,
      invoke: async () => {
        throw Object.assign(new Error('value too long'), { code: '22001' });
      },
    });

    await processor.process(TOPIC, 0, [message(0, 'a')], running);

    expect(parked.map((letter) => letter.errorClass)).toEqual(['BUSINESS_REJECTION']);
  });

  it('gives a batch handler the readable events in one call', async () => {
    const calls: string[][] = [];
    const { processor, parked } = processorWith({
      batch: true,
      invoke: async (data) => {
        calls.push((data as ReceivedEvent<string>[]).map((each) => each.payload));
      },
    });

    await processor.process(TOPIC, 0, [message(0, 'a'), message(1, 'poison'), message(2, 'b'), message(3, 'c')], running);

    expect(calls).toEqual([['a', 'b', 'c']]);
    expect(parked.map((letter) => letter.offset)).toEqual(['1']);
  });

  it('isolates the one event a batch handler rejects and applies the others one by one', async () => {
    const applied: string[] = [];
    const { processor, parked } = processorWith({
      batch: true,
      invoke: async (data) => {
        const events = data as ReceivedEvent<string>[];
        if (events.some((each) => each.payload === 'bad')) throw new DomainError('INVALID_ARGUMENT', 'bad fact');
        applied.push(...events.map((each) => each.payload));
      },
    });

    await processor.process(TOPIC, 0, [message(0, 'a'), message(1, 'bad'), message(2, 'b')], running);

    expect(applied).toEqual(['a', 'b']);
    expect(parked.map((letter) => [letter.offset, letter.errorClass])).toEqual([['1', 'BUSINESS_REJECTION']]);
  });

  it('stops between retries when the consumer stops, parking nothing so the record comes again', async () => {
    let stopping = false;
    const { processor, parked } = processorWith({
      batch: false,
      invoke: async () => {
        stopping = true;
        throw new Error('database restarting');
      },
    });

    await expect(
      processor.process(TOPIC, 0, [message(0, 'a')], { heartbeat: async () => undefined, isRunning: () => !stopping }),
    ).rejects.toBeInstanceOf(ConsumerStoppingError);
    expect(parked).toEqual([]);
  });
});
