import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { firstValueFrom, type Observable } from 'rxjs';
import type { GrpcContract } from '@welkom/contracts';
import { type DecodedGrpcError, decodeGrpcError } from '@welkom/grpc';
import type { TopicDefinition } from '@welkom/events';
import { buildSignedRecord, createKafkaClient, createReliableProducer, EnvelopeSigner } from '@welkom/messaging';
import { serviceRun, testInfrastructure, testKafka, type ServiceProcess, type ServiceUnderTest } from '@welkom/testing';
import { ensureDevCertificates } from '@welkom/infrastructure';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const DEV_PARTIES_FILE = join(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json');
const DEV_GRANTS_FILE = join(REPO_ROOT, 'deploy', 'hub', 'dev-grants.v1.json');
const TEST_PSEUDONYM_SECRET = 'chain-test-pseudonym-secret-0123456789abcdef';

export const OIN = {
  hub: '00000001999999990000',
  ind: '00000001812345670000',
  leiden: '00000003281234560000',
  delft: '00000003270987650000',
  /** In the IND's register (apps/ind/reference/recognised-sponsors.json) as never recognised. */
  hogeschool: '00000003123456780000',
} as const;

/**
 * A university that is not a recognised sponsor. Not in the development party list, so the harness issues its
 * certificate from the development CA and registers it with the hub (role UNIVERSITY only) for the run.
 */
export const NON_RECOGNISED_SPONSOR = { key: 'hogeschool-voorbeeld', oin: OIN.hogeschool, name: 'Hogeschool Voorbeeld' } as const;

export type PartyKey =
  | 'hub'
  | 'ind'
  | 'university-leiden'
  | 'university-delft'
  | 'consular'
  // The consular service's posts, each with its own certificate (the post code in its OU).
  | 'consular.nairobi'
  | 'consular.new-delhi'
  | 'consular.lagos'
  | 'consular.be-abuja'
  | typeof NON_RECOGNISED_SPONSOR.key
  // Development parties that are not sponsors of study (deploy/parties/dev-parties.json).
  | 'eu-reporting'
  | 'employer-voorbeeld-tech'
  | 'employer-voorbeeld-chips'
  | 'employer-voorbeeld-logistiek'
  | 'uwv'
  // A development operator in person (deploy/hub/operators.v1.json): reads access logs, verifies the chain.
  | 'operator.anna.devries';

export interface Chain {
  /** Publishes an event signed by a party, as that party's own connector would. */
  publishAs<T>(partyKey: PartyKey, topic: TopicDefinition<T>, payload: T): Promise<void>;
  hub: ServiceProcess;
  ind: ServiceProcess;
  university: ServiceProcess;
  /** The consular service, when the chain was started with `consular`. */
  consular?: ServiceUnderTest;
  /** UWV (apps/uwv), when the chain was started with `uwv`: the source of the wage fact. */
  uwv?: ServiceUnderTest;
  /** RVO's connector, when the chain was started with `rvo` (relocation referrals from the status events). */
  rvo?: ServiceUnderTest;
  client<T extends object>(contract: GrpcContract, service: ServiceProcess, partyKey: PartyKey): T;
  /** Stops IND (SIGKILL: a crash, or SIGTERM) and starts it again on the same ports and database. */
  restartInd(how: 'kill' | 'stop', extraEnv?: Record<string, string>): Promise<{ downMs: number; bootMs: number }>;
  /** Stops the hub the same way and starts it again on the same ports and database, after `downMs` at the least. */
  restartHub(how: 'kill' | 'stop', downMs?: number): Promise<{ downMs: number; bootMs: number }>;
  stop(): Promise<void>;
  /** Milliseconds each service took from spawn to its ready line. */
  bootMs: Record<'hub' | 'ind' | 'university', number>;
}

export interface ChainOptions {
  label: string;
  /** Settings every service of the chain gets (e.g. the OpenTelemetry export). */
  allEnv?: Record<string, string>;
  indEnv?: Record<string, string>;
  universityEnv?: Record<string, string>;
  /** Also run the consular service (apps/consular), with these settings. */
  consular?: { env?: Record<string, string> };
  /** Also run UWV (apps/uwv), with these settings. */
  uwv?: { env?: Record<string, string> };
  /** Also run RVO's connector (apps/rvo), with these settings. */
  rvo?: { env?: Record<string, string> };
}

interface PartyFiles {
  certificatePath: string;
  privateKeyPath: string;
}

async function partyFiles(): Promise<{ parties: Record<string, PartyFiles>; partyFile: string }> {
  const { certificates } = testInfrastructure();
  const directory = dirname(certificates.caCertificatePath);
  const extra = await ensureDevCertificates(directory, [NON_RECOGNISED_SPONSOR]);
  const parties = { ...certificates.parties, ...extra.parties } as Record<string, PartyFiles>;
  const devParties = JSON.parse(readFileSync(DEV_PARTIES_FILE, 'utf8')) as { parties: unknown[] };
  const partyFile = join(directory, `chain-parties-${process.pid}-${randomBytes(3).toString('hex')}.json`);
  writeFileSync(
    partyFile,
    JSON.stringify({ ...devParties, parties: [...devParties.parties, { ...NON_RECOGNISED_SPONSOR, roles: ['UNIVERSITY'] }] }, null, 2),
  );
  return { parties, partyFile };
}

/**
 * Hub, IND and one university connector (Leiden) as separate processes, each with its own database, over the
 * real broker and real mTLS, the way `npm start` runs them.
 */
export async function startChain(options: ChainOptions): Promise<Chain> {
  const infrastructure = testInfrastructure();
  const { parties, partyFile } = await partyFiles();
  const run = serviceRun(options.label, { extraParties: parties });
  const shared = { PARTY_DIRECTORY_FILE: partyFile, ...options.allEnv };

  const hub = await run.start({
    app: 'hub',
    party: 'hub',
    env: {
      ...shared,
      PARTY_SEED_FILE: partyFile,
      GRANT_SEED_FILE: DEV_GRANTS_FILE,
      SUBJECT_PSEUDONYM_SECRET: TEST_PSEUDONYM_SECRET,
      EVIDENCE_REQUEST_EXPIRY_INTERVAL_MS: '500',
    },
  });
  const ind = await run.start({
    app: 'ind',
    party: 'ind',
    env: {
      ...shared,
      HUB_GRPC_ADDRESS: hub.grpcAddress,
      ASSESSMENT_SWEEP_INTERVAL_MS: '500',
      EVIDENCE_FOLLOW_UP_AFTER_MS: '3000',
      DEADLINE_CHECK_INTERVAL_MS: '1000',
      ...options.indEnv,
    },
  });
  const university = await run.start({
    app: 'university',
    party: 'university-leiden',
    env: {
      ...shared,
      HUB_GRPC_ADDRESS: hub.grpcAddress,
      IND_GRPC_ADDRESS: ind.grpcAddress,
      APPLICATION_DELIVERY_INTERVAL_MS: '500',
      ...options.universityEnv,
    },
  });
  const consular = options.consular
    ? await run.start({
        app: 'consular',
        party: 'consular',
        env: { ...shared, HUB_GRPC_ADDRESS: hub.grpcAddress, EXPIRY_SWEEP_INTERVAL_MS: '500', ...options.consular.env },
      })
    : undefined;
  const uwv = options.uwv
    ? await run.start({
        app: 'uwv',
        party: 'uwv',
        env: { ...shared, HUB_GRPC_ADDRESS: hub.grpcAddress, WAGE_EVIDENCE_POLL_INTERVAL_MS: '300', ...options.uwv.env },
      })
    : undefined;
  const rvo = options.rvo
    ? await run.start({ app: 'rvo', party: 'rvo', env: { ...shared, HUB_GRPC_ADDRESS: hub.grpcAddress, ...options.rvo.env } })
    : undefined;

  const clientId = `chain-${options.label}-${randomBytes(3).toString('hex')}`;
  const kafka = createKafkaClient({ clientId, ...testKafka(infrastructure) });
  const producer = createReliableProducer(kafka);
  let producerConnected = false;
  const chain: Chain = {
    async publishAs<T>(partyKey: PartyKey, topic: TopicDefinition<T>, payload: T): Promise<void> {
      const record = await buildSignedRecord(topic, payload, EnvelopeSigner.fromFiles(parties[partyKey]));
      if (!producerConnected) {
        await producer.connect();
        producerConnected = true;
      }
      await producer.send({ topic: topic.name, acks: -1, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
    },
    hub,
    ind,
    university,
    consular,
    uwv,
    rvo,
    bootMs: { hub: hub.bootMs, ind: ind.bootMs, university: university.bootMs },
    client<T extends object>(contract: GrpcContract, service: ServiceProcess, partyKey: PartyKey): T {
      return run.client<T>(contract, service.grpcAddress, partyKey);
    },
    restartInd: (how, extraEnv = {}) => ind.restart(how, extraEnv),
    restartHub: (how, downMs = 0) => hub.restart(how, {}, downMs),
    async stop() {
      if (producerConnected) await producer.disconnect();
      rmSync(partyFile, { force: true });
      await run.stop();
    },
  };
  return chain;
}

export function call<T>(observable: Observable<T>): Promise<T> {
  return firstValueFrom(observable);
}

export async function callError(observable: Observable<unknown>): Promise<DecodedGrpcError> {
  try {
    await firstValueFrom(observable);
  } catch (error) {
    return decodeGrpcError(error as Parameters<typeof decodeGrpcError>[0]);
  }
  throw new Error('expected the call to fail');
}

/** Polls until `probe` returns a value; for effects that travel by event. Fails with what it last saw. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${last})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
