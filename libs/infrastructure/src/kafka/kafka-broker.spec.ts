import { resolveKafka } from './kafka-broker';

describe('resolveKafka', () => {
  it('uses the cluster in KAFKA_BROKERS and starts nothing', async () => {
    const resolved = await resolveKafka({ env: { KAFKA_BROKERS: ' 10.0.0.5:9092, 10.0.0.6:9092 ' } });

    expect(resolved).toEqual({ brokers: ['10.0.0.5:9092', '10.0.0.6:9092'], version: 'external', started: null });
  });
});
