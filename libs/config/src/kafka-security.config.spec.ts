import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaToolConfigSchema, kafkaToolSecurity } from './kafka-tool-config.schema';
import { resolveKafkaSasl } from './kafka-security.config';
import { ConfigError, loadConfig } from './load-config';
import { loadServiceConfig, serviceConfigSchema } from './service-config.schema';

const serviceEnv = {
  GRPC_PORT: '50051',
  HTTP_PORT: '8080',
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/welkom_hub',
  TLS_CA_FILE: '/certs/ca.crt',
  TLS_CERT_FILE: '/certs/hub.crt',
  TLS_KEY_FILE: '/certs/hub.key',
};

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('Kafka security configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, 's3cret-from-a-file\n');
  const emptyFile = join(dir, 'empty');
  writeFileSync(emptyFile, '');

  it('reads a SASL password from its file once, without the trailing newline', () => {
    const config = loadServiceConfig(serviceConfigSchema, {
      ...serviceEnv,
      KAFKA_SECURITY: 'sasl_ssl',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'hub',
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
    });

    expect(resolveKafkaSasl(config, '/certs/cluster-ca.crt')).toEqual({
      caFile: '/certs/cluster-ca.crt',
      mechanism: 'scram-sha-512',
      username: 'hub',
      password: 's3cret-from-a-file',
    });
  });

  it('lists every problem of a sasl_ssl configuration at once, beside the schema problems', () => {
    const problems = problemsOf(() =>
      loadServiceConfig(serviceConfigSchema, { ...serviceEnv, GRPC_PORT: 'seventy', KAFKA_SECURITY: 'sasl_ssl' }),
    );

    expect(problems).toEqual([
      expect.stringMatching(/^GRPC_PORT/),
      expect.stringMatching(/^KAFKA_SASL_MECHANISM: required with KAFKA_SECURITY=sasl_ssl/),
      expect.stringMatching(/^KAFKA_SASL_USERNAME: required/),
      expect.stringMatching(/^KAFKA_SASL_PASSWORD: required/),
    ]);
  });

  it('refuses both a password and a password file, and an unreadable or empty file', () => {
    const sasl = { ...serviceEnv, KAFKA_SECURITY: 'sasl_ssl', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'hub' };

    expect(
      problemsOf(() =>
        loadServiceConfig(serviceConfigSchema, { ...sasl, KAFKA_SASL_PASSWORD: 'x', KAFKA_SASL_PASSWORD_FILE: passwordFile }),
      ),
    ).toEqual([expect.stringMatching(/^KAFKA_SASL_PASSWORD_FILE: give the password or a file holding it, not both/)]);
    expect(problemsOf(() => loadServiceConfig(serviceConfigSchema, { ...sasl, KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing') }))).toEqual([
      expect.stringMatching(/^KAFKA_SASL_PASSWORD_FILE: cannot read .*missing \(ENOENT\)/),
    ]);
    expect(problemsOf(() => loadServiceConfig(serviceConfigSchema, { ...sasl, KAFKA_SASL_PASSWORD_FILE: emptyFile }))).toEqual([
      expect.stringMatching(/^KAFKA_SASL_PASSWORD_FILE: .*empty is empty/),
    ]);
  });

  it('refuses SASL settings under another KAFKA_SECURITY, so a forgotten mode never connects in plaintext', () => {
    const problems = problemsOf(() =>
      loadServiceConfig(serviceConfigSchema, { ...serviceEnv, KAFKA_SASL_USERNAME: 'hub', KAFKA_SASL_PASSWORD: 'x' }),
    );

    expect(problems).toEqual([
      'KAFKA_SASL_USERNAME: only used with KAFKA_SECURITY=sasl_ssl (KAFKA_SECURITY is plaintext)',
      'KAFKA_SASL_PASSWORD: only used with KAFKA_SECURITY=sasl_ssl (KAFKA_SECURITY is plaintext)',
    ]);
  });

  it('refuses an unknown mechanism and an unknown mode', () => {
    const problems = problemsOf(() =>
      loadServiceConfig(serviceConfigSchema, { ...serviceEnv, KAFKA_SECURITY: 'sasl_plaintext', KAFKA_SASL_MECHANISM: 'gssapi' }),
    );

    expect(problems).toEqual([expect.stringMatching(/^KAFKA_SECURITY: /), expect.stringMatching(/^KAFKA_SASL_MECHANISM: /)]);
  });

  it('gives a tool its SASL identity, and names what a tool lacks for sasl_ssl', () => {
    const tool = { KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_SECURITY: 'sasl_ssl', KAFKA_SASL_MECHANISM: 'scram-sha-256' };

    expect(problemsOf(() => kafkaToolSecurity(loadConfig(kafkaToolConfigSchema, tool)))).toEqual([
      expect.stringMatching(/^KAFKA_SASL_USERNAME: required/),
      expect.stringMatching(/^KAFKA_SASL_PASSWORD: required/),
      'KAFKA_TLS_CA_FILE: required with KAFKA_SECURITY=sasl_ssl',
    ]);
    const complete = { ...tool, KAFKA_TLS_CA_FILE: '/ca.crt', KAFKA_SASL_USERNAME: 'ops', KAFKA_SASL_PASSWORD: 'pw' };
    expect(kafkaToolSecurity(loadConfig(kafkaToolConfigSchema, complete))).toEqual({
      sasl: { caFile: '/ca.crt', mechanism: 'scram-sha-256', username: 'ops', password: 'pw' },
    });
  });
});
