import { newClusterId, resolveKafka } from './kafka-broker';

describe('resolveKafka', () => {
  it('uses the cluster in KAFKA_BROKERS and starts nothing', async () => {
    const resolved = await resolveKafka({ env: { KAFKA_BROKERS: ' 10.0.0.5:9092, 10.0.0.6:9092 ' } });

    expect(resolved).toEqual({ brokers: ['10.0.0.5:9092', '10.0.0.6:9092'], version: 'external', started: null });
  });
});

describe('newClusterId', () => {
  it('never starts with a dash, which kafka-storage would take for an option', () => {
    // 0xf8 encodes to '-' as the first base64url character; the second draw is kept.
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
    const id = newClusterId(() => draws.shift()!);

    expect(id).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
    expect(draws).toHaveLength(0);
  });

  it('is 22 base64url characters, the form of a Kafka Uuid', () => {
    expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
