import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Observable } from 'rxjs';
import { firstValueFrom } from 'rxjs';
import type { GrpcContract } from '@welkom/contracts';
import { type DecodedGrpcError, createClientCredentials, createGrpcClient, decodeGrpcError, loadMtlsMaterial } from '@welkom/grpc';
import { databaseUrl, dropDatabase, ensureDatabase } from '@welkom/persistence';
import { serviceTestEnvironment, startServiceProcess, testInfrastructure, type ServiceProcess } from '@welkom/testing';

const REPO_ROOT = join(__dirname, '..', '..', '..');
export const DEV_PARTIES_FILE = join(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json');
export const DEV_GRANTS_FILE = join(REPO_ROOT, 'deploy', 'hub', 'dev-grants.v1.json');
export const TEST_PSEUDONYM_SECRET = 'integration-test-secret-0123456789abcdef';

/** Dev parties by their key in deploy/parties/dev-parties.json. */
export const OIN = {
  hub: '00000001999999990000',
  ind: '00000001812345670000',
  uwv: '00000001834567890000',
  rvo: '00000001823456780000',
  consularNairobi: '00000001845678900000',
  leiden: '00000003281234560000',
  delft: '00000003270987650000',
} as const;

export type PartyKey = 'hub' | 'ind' | 'rvo' | 'uwv' | 'consular-nairobi' | 'university-leiden' | 'university-delft' | 'eu-reporting';

export interface HubUnderTest {
  process: ServiceProcess;
  databaseUrl: string;
  client<T extends object>(contract: GrpcContract, partyKey: PartyKey): T;
  stop(): Promise<void>;
}

/** The hub as its own process, with its own database, the dev parties and dev grants, over real mTLS. */
export async function startHubUnderTest(label: string, extraEnv: Record<string, string> = {}): Promise<HubUnderTest> {
  const infrastructure = testInfrastructure();
  const database = `welkom_hub_${label}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(infrastructure.postgresUrl, database);
  const url = databaseUrl(infrastructure.postgresUrl, database);
  const process = await startServiceProcess(
    'hub',
    await serviceTestEnvironment(infrastructure, 'hub', url, {
      PARTY_SEED_FILE: DEV_PARTIES_FILE,
      GRANT_SEED_FILE: DEV_GRANTS_FILE,
      SUBJECT_PSEUDONYM_SECRET: TEST_PSEUDONYM_SECRET,
      EVIDENCE_REQUEST_EXPIRY_INTERVAL_MS: '200',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...extraEnv,
    }),
  );
  const clients = new Map<string, object>();
  return {
    process,
    databaseUrl: url,
    client<T extends object>(contract: GrpcContract, partyKey: PartyKey): T {
      const key = `${contract.service}/${partyKey}`;
      if (!clients.has(key)) {
        const party = infrastructure.certificates.parties[partyKey];
        const credentials = createClientCredentials(
          loadMtlsMaterial({
            caCertificatePath: infrastructure.certificates.caCertificatePath,
            certificatePath: party.certificatePath,
            privateKeyPath: party.privateKeyPath,
          }),
        );
        clients.set(key, createGrpcClient(contract, process.grpcAddress, credentials).getService<T>(contract.service));
      }
      return clients.get(key) as T;
    },
    async stop() {
      await process.stop();
      await dropDatabase(infrastructure.postgresUrl, database);
    },
  };
}

export function call<T>(observable: Observable<T>): Promise<T> {
  return firstValueFrom(observable);
}

/** The rich error of a call that must fail (status, reason, field and precondition violations). */
export async function callError(observable: Observable<unknown>): Promise<DecodedGrpcError> {
  try {
    await firstValueFrom(observable);
  } catch (error) {
    return decodeGrpcError(error as Parameters<typeof decodeGrpcError>[0]);
  }
  throw new Error('expected the call to fail');
}

/** A valid BSN (passes the 11-check), different for every seed. */
export function testBsn(seed: number): string {
  for (let n = seed * 10; ; n += 1) {
    const digits = String(n % 100_000_000).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i += 1) sum += (9 - i) * Number(digits[i]);
    const check = sum % 11;
    if (check < 10 && digits !== '00000000') return digits + String(check);
  }
}
