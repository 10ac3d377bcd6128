import { join } from 'node:path';
import type { Observable } from 'rxjs';
import { firstValueFrom } from 'rxjs';
import type { GrpcContract } from '@welkom/contracts';
import { type DecodedGrpcError, decodeGrpcError } from '@welkom/grpc';
import { serviceRun, type ServiceUnderTest } from '@welkom/testing';

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

/** The development operators (deploy/hub/operators.v1.json) by their certificate key: people, not parties. */
export const OPERATOR = { anna: 'operator.anna.devries', bram: 'operator.bram.jansen' } as const;

export type PartyKey =
  | 'hub'
  | 'ind'
  | 'rvo'
  | 'uwv'
  | 'consular-nairobi'
  | 'university-leiden'
  | 'university-delft'
  | 'eu-reporting'
  | (typeof OPERATOR)[keyof typeof OPERATOR];

export interface HubUnderTest {
  process: ServiceUnderTest;
  /** As the server's administrator (a DBA): for inspecting, and for tampering tests. */
  databaseUrl: string;
  /** As the hub itself connects: its service role. */
  serviceDatabaseUrl: string;
  client<T extends object>(contract: GrpcContract, partyKey: PartyKey): T;
  stop(): Promise<void>;
}

/** The hub as its own process, with its own database, the dev parties and dev grants, over real mTLS. */
export async function startHubUnderTest(label: string, extraEnv: Record<string, string> = {}): Promise<HubUnderTest> {
  const run = serviceRun(label);
  const hub = await run.start({
    app: 'hub',
    party: 'hub',
    env: {
      PARTY_SEED_FILE: DEV_PARTIES_FILE,
      GRANT_SEED_FILE: DEV_GRANTS_FILE,
      SUBJECT_PSEUDONYM_SECRET: TEST_PSEUDONYM_SECRET,
      EVIDENCE_REQUEST_EXPIRY_INTERVAL_MS: '200',
      ...extraEnv,
    },
  });
  return {
    process: hub,
    databaseUrl: hub.databaseUrl,
    serviceDatabaseUrl: hub.serviceDatabaseUrl,
    client: <T extends object>(contract: GrpcContract, partyKey: PartyKey): T => hub.client<T>(contract, partyKey),
    stop: () => run.stop(),
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
