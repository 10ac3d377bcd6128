import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentials as grpcCredentials, loadPackageDefinition, Metadata, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { firstValueFrom, type Observable } from 'rxjs';
import { HEALTH_CONTRACT, PARTY_REGISTRY_CONTRACT } from '@welkom/contracts';
import { HealthCheckResponse_ServingStatus as ServingStatus, type HealthClient } from '@welkom/contracts/generated/grpc/health/v1/health';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { PartyRegistryServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/party_registry';
import { createClientCredentials, createGrpcClient } from '@welkom/grpc';
import { eventually, serviceRun, type ServiceUnderTest } from '@welkom/testing';
import { ensureUntrustedCertificates } from '@welkom/infrastructure';
import { readPartyFile } from '@welkom/reference-data';

jest.setTimeout(120_000);

const DEV_PARTIES = join(__dirname, '..', 'deploy', 'parties', 'dev-parties.json');
const LEIDEN_OIN = '00000003281234560000';
const HUB_OIN = '00000001999999990000';

const run = serviceRun('hub_university');

function call<T>(observable: Observable<T>): Promise<T> {
  return firstValueFrom(observable);
}

async function callError(observable: Observable<unknown>): Promise<{ code?: number; details?: string }> {
  try {
    await firstValueFrom(observable);
  } catch (error) {
    return error as { code?: number; details?: string };
  }
  throw new Error('expected the call to fail');
}

describe('hub and university connector over real mTLS gRPC, Kafka and PostgreSQL', () => {
  const { infrastructure } = run;
  const runId = randomBytes(4).toString('hex');
  let hub: ServiceUnderTest;
  let university: ServiceUnderTest;

  beforeAll(async () => {
    hub = await run.start({ app: 'hub', party: 'hub', env: { PARTY_SEED_FILE: DEV_PARTIES } });
    university = await run.start({ app: 'university', party: 'university-leiden', env: { HUB_GRPC_ADDRESS: hub.grpcAddress } });
  });

  afterAll(() => run.stop());

  it('tells a caller which party it is, from its client certificate', async () => {
    const registry = run.client<PartyRegistryServiceClient>(PARTY_REGISTRY_CONTRACT, hub.grpcAddress, 'university-leiden');
    const { party } = await call(registry.getCallerParty({}));
    expect(party?.reference?.oin).toBe(LEIDEN_OIN);
    expect(party?.name).toBe('Universiteit Leiden');
    expect(party?.roles).toEqual([PartyRole.PARTY_ROLE_UNIVERSITY, PartyRole.PARTY_ROLE_RECOGNISED_SPONSOR]);
  });

  it('ignores an identity claimed in request metadata: only the certificate counts', async () => {
    const registry = run.client<PartyRegistryServiceClient>(PARTY_REGISTRY_CONTRACT, hub.grpcAddress, 'university-leiden');
    const metadata = new Metadata();
    metadata.set('x-party-oin', HUB_OIN);
    const { party } = await call(registry.getCallerParty({}, metadata));
    expect(party?.reference?.oin).toBe(LEIDEN_OIN);
  });

  it('lists registered parties by role', async () => {
    const registry = run.client<PartyRegistryServiceClient>(PARTY_REGISTRY_CONTRACT, hub.grpcAddress, 'ind');
    const { parties } = await call(registry.listParties({ role: PartyRole.PARTY_ROLE_RECOGNISED_SPONSOR }));
    // Every party of the shipped list that holds the role (universities and the recognised employers), and no other.
    const expected = readPartyFile(DEV_PARTIES)
      .parties.filter((party) => party.roles.includes('RECOGNISED_SPONSOR'))
      .map((party) => party.name);
    expect(expected).toEqual(expect.arrayContaining(['Technische Universiteit Delft', 'Universiteit Leiden']));
    expect(parties.map((p) => p.name).sort()).toEqual(expected.sort());
  });

  it('records the university connector from the event it published on Kafka', async () => {
    const registry = run.client<PartyRegistryServiceClient>(PARTY_REGISTRY_CONTRACT, hub.grpcAddress, 'ind');
    const connector = await eventually(async () => {
      const { connectors } = await call(registry.listConnectors({}));
      return connectors.find((c) => c.service === 'university' && c.party?.oin === LEIDEN_OIN);
    });
    expect(connector.grpcAddress).toBe(university.grpcAddress);
    expect(connector.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses a call without a client certificate', async () => {
    const { certificates } = infrastructure;
    const definition = loadPackageDefinition(
      loadSync(join(__dirname, '..', 'proto', PARTY_REGISTRY_CONTRACT.protoFile), {
        includeDirs: [join(__dirname, '..', 'proto')],
      }),
    ) as unknown as {
      welkom: { hub: { v1: { PartyRegistryService: new (...args: unknown[]) => Record<string, (...args: unknown[]) => unknown> } } };
    };
    const client = new definition.welkom.hub.v1.PartyRegistryService(
      hub.grpcAddress,
      grpcCredentials.createSsl(readFileSync(certificates.caCertificatePath)),
    );
    const error = await new Promise<{ code: number }>((resolve) =>
      client.getCallerParty({}, { deadline: Date.now() + 5_000 }, (err: { code: number }) => resolve(err)),
    );
    expect(error).toBeTruthy();
    expect([status.UNAVAILABLE, status.UNAUTHENTICATED]).toContain(error.code);
    (client as unknown as { close(): void }).close();
  });

  it('refuses a client whose certificate comes from an unknown CA, even with a real party OIN', async () => {
    const untrusted = await ensureUntrustedCertificates(join(infrastructure.certificates.caCertificatePath, '..', `untrusted-${runId}`), [
      { key: 'university-leiden', oin: LEIDEN_OIN, name: 'Universiteit Leiden' },
    ]);
    const impostor = untrusted.parties['university-leiden'];
    const credentials = createClientCredentials({
      caCertificate: readFileSync(infrastructure.certificates.caCertificatePath),
      certificate: readFileSync(impostor.certificatePath),
      privateKey: readFileSync(impostor.privateKeyPath),
    });
    const registry = createGrpcClient(PARTY_REGISTRY_CONTRACT, hub.grpcAddress, credentials).getService<PartyRegistryServiceClient>(
      'PartyRegistryService',
    );
    const error = await callError(registry.getCallerParty({}));
    expect([status.UNAVAILABLE, status.UNAUTHENTICATED]).toContain(error.code);
  });

  it('answers the standard gRPC health check as SERVING on both services', async () => {
    for (const [service, partyKey] of [
      [hub, 'ind'],
      [university, 'hub'],
    ] as const) {
      const health = run.client<HealthClient>(HEALTH_CONTRACT, service.grpcAddress, partyKey);
      const response = await call(health.check({ service: '' }));
      expect(response.status).toBe(ServingStatus.SERVING);
    }
  });

  it('reports Kafka, the database and (for the connector) the hub as up over HTTP', async () => {
    const hubHealth = (await (await fetch(`${hub.httpAddress}/health`)).json()) as { status: string; info: object };
    expect(hubHealth.status).toBe('ok');
    expect(Object.keys(hubHealth.info).sort()).toEqual(['database', 'kafka']);
    const universityHealth = (await (await fetch(`${university.httpAddress}/health`)).json()) as {
      status: string;
      info: Record<string, { status: string; oin?: string }>;
    };
    expect(universityHealth.status).toBe('ok');
    expect(Object.keys(universityHealth.info).sort()).toEqual(['database', 'hub', 'kafka']);
    expect(universityHealth.info.hub.oin).toBe(LEIDEN_OIN);
  });

  it('answers HTTP errors with their own status, not a 500 from the gRPC error filter', async () => {
    const response = await fetch(`${hub.httpAddress}/no-such-endpoint`);
    expect(response.status).toBe(404);
  });

  it('serves Prometheus metrics labelled with the service', async () => {
    const response = await fetch(`${hub.httpAddress}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toMatch(/process_cpu_user_seconds_total\{service="hub"\}/);
  });

  it('lists its services through gRPC server reflection', async () => {
    const reflectionProto = require.resolve('@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto');
    const definition = loadPackageDefinition(loadSync(reflectionProto)) as unknown as {
      grpc: {
        reflection: {
          v1: {
            ServerReflection: new (...args: unknown[]) => {
              serverReflectionInfo(): NodeJS.ReadWriteStream & { write(m: object): void; end(): void };
              close(): void;
            };
          };
        };
      };
    };
    const { certificates } = infrastructure;
    const party = certificates.parties.ind;
    const client = new definition.grpc.reflection.v1.ServerReflection(
      hub.grpcAddress,
      grpcCredentials.createSsl(
        readFileSync(certificates.caCertificatePath),
        readFileSync(party.privateKeyPath),
        readFileSync(party.certificatePath),
      ),
    );
    const stream = client.serverReflectionInfo();
    const services = await new Promise<string[]>((resolve, reject) => {
      stream.on('data', (response: { listServicesResponse?: { service: { name: string }[] } }) => {
        resolve((response.listServicesResponse?.service ?? []).map((s) => s.name));
        stream.end();
      });
      stream.on('error', reject);
      stream.write({ listServices: '' });
    });
    client.close();
    expect(services).toEqual(expect.arrayContaining(['grpc.health.v1.Health', 'welkom.hub.v1.PartyRegistryService']));
  });
});
