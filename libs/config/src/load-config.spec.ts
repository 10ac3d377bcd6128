import { ConfigError, loadConfig } from './load-config';
import { serviceConfigSchema } from './service-config.schema';

const validEnv = {
  GRPC_PORT: '50051',
  HTTP_PORT: '8080',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/welkom_hub',
  TLS_CA_FILE: '/certs/ca.crt',
  TLS_CERT_FILE: '/certs/hub.crt',
  TLS_KEY_FILE: '/certs/hub.key',
};

describe('loadConfig', () => {
  it('parses a valid environment into typed values with defaults', () => {
    const config = loadConfig(serviceConfigSchema, validEnv);
    expect(config.GRPC_PORT).toBe(50051);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.LOG_LEVEL).toBe('log');
    expect(config.GRPC_HOST).toBe('127.0.0.1');
  });

  it('lists every problem of a bad environment at once', () => {
    const env = { ...validEnv, GRPC_PORT: 'seventy', KAFKA_BROKERS: 'not a broker', DATABASE_URL: undefined };
    let error: unknown;
    try {
      loadConfig(serviceConfigSchema, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/GRPC_PORT/);
    expect(problems).toMatch(/KAFKA_BROKERS: expected host:port/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect((error as ConfigError).problems).toHaveLength(3);
  });
});
