import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import { Client } from 'pg';
import { firstValueFrom } from 'rxjs';
import { AUDIT_CONTRACT, EVIDENCE_EXCHANGE_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { EnrolmentStatus, StudyLevel } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { AuditServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { type EvidenceServiceClient, RequestEvidenceRequest } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { createClientCredentials, createGrpcClient, loadMtlsMaterial } from '@welkom/grpc';
import { databaseUrl, dropDatabase, ensureDatabase } from '@welkom/persistence';
import { serviceTestEnvironment } from '@welkom/testing';
import { DEV_PARTIES_FILE, REPO_ROOT, startInfrastructure } from '@welkom/infrastructure';
import { cpuByProcess, cpuSpentMicros, processCpuMicros } from './process-cpu';
import { type LoadResult, runUnaryLoad } from './unary-load';

/**
 * RequestEvidence throughput and latency of the hub (NestJS, mTLS, grant check, vault read, field filter,
 * hash-chained audit entry committed before every answer), beside a bare grpc-js server for the same
 * contract on the same machine in the same run. Not a test: it prints figures.
 *
 *   node -r @swc-node/register bench/once-only/once-only.bench.ts [--seconds 5] [--concurrency 1,8,32,64,128] [--subjects 1000]
 */
function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : process.argv[index + 1];
}

const SECONDS = Number(argument('seconds', '5'));
const LEVELS = argument('concurrency', '1,8,32,64,128').split(',').map(Number);
const SUBJECTS = Number(argument('subjects', '1000'));
const METHOD = '/welkom.hub.v1.EvidenceService/RequestEvidence';
/** `--profile <dir>`: the hub writes a V8 CPU profile there when it stops (summarise it with profile-summary.ts). */
const PROFILE_DIR = argument('profile', '');

function bsn(seed: number): string {
  for (let n = seed * 10; ; n += 1) {
    const digits = String(n % 100_000_000).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i += 1) sum += (9 - i) * Number(digits[i]);
    if (sum % 11 < 10 && digits !== '00000000') return digits + String(sum % 11);
  }
}

interface HubProcess {
  pid: number;
  grpcAddress: string;
  httpAddress: string;
  stop(): Promise<void>;
}

/** The hub as production runs it (its own process, main.ts), with optional node flags such as --cpu-prof. */
function startHubProcess(env: NodeJS.ProcessEnv, nodeFlags: string[]): Promise<HubProcess> {
  const child = spawn(process.execPath, [...nodeFlags, '-r', '@swc-node/register', join('apps', 'hub', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const ready = /\[hub\] ready grpc=(\S+) http=(\S+)/.exec(chunk.toString('utf8'));
      if (ready) {
        resolve({
          pid: child.pid ?? 0,
          grpcAddress: ready[1],
          httpAddress: ready[2],
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`hub exited (${code}) before it was ready`)));
  });
}

function startPlainServer(files: { ca: string; cert: string; key: string }): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'plain-grpc.server.ts'), files.ca, files.cert, files.key],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const ready = /plain-grpc ready (\d+)/.exec(chunk.toString('utf8'));
      if (ready) resolve({ child, address: `localhost:${ready[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`plain grpc-js server exited (${code})`)));
  });
}

const row = (r: LoadResult): string =>
  `${r.requestsPerSecond.toFixed(0).padStart(7)} ${r.p50Ms.toFixed(2).padStart(7)} ${r.p99Ms.toFixed(2).padStart(7)}${r.failed ? ` (${r.failed} failed: ${r.firstError})` : ''}`;

async function main(): Promise<void> {
  const infrastructure = await startInfrastructure({ log: () => undefined });
  const database = `welkom_hub_bench_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(infrastructure.postgresUrl, database);
  const url = databaseUrl(infrastructure.postgresUrl, database);
  const hubParty = infrastructure.certificates.parties.hub;
  const hub = await startHubProcess(
    await serviceTestEnvironment(infrastructure, 'hub', url, {
      PARTY_SEED_FILE: DEV_PARTIES_FILE,
      GRANT_SEED_FILE: join(REPO_ROOT, 'deploy', 'hub', 'dev-grants.v1.json'),
      SUBJECT_PSEUDONYM_SECRET: 'bench-secret-0123456789abcdef0123456789',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    }),
    PROFILE_DIR ? [`--cpu-prof`, `--cpu-prof-dir=${PROFILE_DIR}`] : [],
  );
  const plain = await startPlainServer({
    ca: infrastructure.certificates.caCertificatePath,
    cert: hubParty.certificatePath,
    key: hubParty.privateKeyPath,
  });
  const material = (key: string) => {
    const party = infrastructure.certificates.parties[key];
    return loadMtlsMaterial({
      caCertificatePath: infrastructure.certificates.caCertificatePath,
      certificatePath: party.certificatePath,
      privateKeyPath: party.privateKeyPath,
    });
  };
  const indMaterial = material('ind');
  const indCredentials = grpcCredentials.createSsl(indMaterial.caCertificate, indMaterial.privateKey, indMaterial.certificate);
  try {
    // The vault: one enrolment proof per subject, issued by the university over gRPC.
    const university = createGrpcClient(
      EVIDENCE_EXCHANGE_CONTRACT,
      hub.grpcAddress,
      createClientCredentials(material('university-leiden')),
    ).getService<EvidenceServiceClient>('EvidenceService');
    for (let start = 0; start < SUBJECTS; start += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, SUBJECTS - start) }, (_, i) =>
          firstValueFrom(
            university.issueEvidence({
              evidence: {
                subject: { bsn: bsn(start + i + 1) },
                evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
                payload: {
                  enrolmentProof: {
                    institutionName: 'Universiteit Leiden',
                    institutionBrin: '21PB',
                    programmeName: 'MSc Computer Science',
                    programmeCode: '60300',
                    studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
                    enrolmentStatus: EnrolmentStatus.ENROLMENT_STATUS_ENROLLED,
                    academicYear: '2026-2027',
                    startDate: '2026-09-01',
                    expectedEndDate: '2028-08-31',
                    fullTime: true,
                  },
                },
                issuedAt: undefined,
                validUntil: undefined,
                sourceReference: `bench-${start + i + 1}`,
                subUnit: '',
              },
            }),
          ),
        ),
      );
    }
    const requests = Array.from({ length: SUBJECTS }, (_, i) =>
      Buffer.from(
        RequestEvidenceRequest.encode({
          subject: { bsn: bsn(i + 1) },
          evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
          purpose: 'ADMISSION_STUDY',
          legalBasis: 'Vw 2000 art. 24a',
          explicitRequestByPerson: false,
          subUnit: '',
          responseTimeout: undefined,
          evidenceId: '',
          sourceOin: '',
          question: undefined,
        }).finish(),
      ),
    );
    // Both answer the same request with evidence of the same shape (the hub's with real work behind it).
    const ind = createGrpcClient(
      EVIDENCE_EXCHANGE_CONTRACT,
      hub.grpcAddress,
      createClientCredentials(indMaterial),
    ).getService<EvidenceServiceClient>('EvidenceService');
    const sample = await firstValueFrom(ind.requestEvidence(RequestEvidenceRequest.decode(requests[0])));
    if (sample.evidence?.disclosedFields.length !== 8) throw new Error(`unexpected hub answer: ${JSON.stringify(sample)}`);
    let hubAnswered = 1;

    const load = (address: string, concurrency: number, seconds: number) =>
      runUnaryLoad({ address, credentials: indCredentials, method: METHOD, requests, concurrency, seconds });
    // The hub's database connections: their CPU is part of what a request costs.
    const backends = async (): Promise<number[]> => {
      const admin = new Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      await admin.end();
      return rows.map((row) => row.pid);
    };
    /** One cell, with the CPU each process spent on it (µs per answered request). */
    const measure = async (address: string, serverPid: number, concurrency: number, withDatabase: boolean) => {
      const before = {
        server: processCpuMicros(serverPid),
        database: cpuByProcess(withDatabase ? await backends() : []),
        client: process.cpuUsage(),
      };
      const result = await load(address, concurrency, SECONDS);
      const client = process.cpuUsage(before.client);
      const serverAfter = processCpuMicros(serverPid);
      const databaseAfter = cpuByProcess(withDatabase ? await backends() : []);
      const per = (micros: number) => (result.completed > 0 ? micros / result.completed : Number.NaN);
      return {
        result,
        cpu: {
          server: per(serverAfter - before.server),
          database: per(cpuSpentMicros(before.database, databaseAfter)),
          client: per(client.user + client.system),
        },
      };
    };
    const cpuRows: string[] = [];
    for (const address of [plain.address, hub.grpcAddress]) {
      const warm = await load(address, 64, 3);
      if (address === hub.grpcAddress) hubAnswered += warm.completed;
    }

    console.log(`\nRequestEvidence, closed loop, ${SECONDS} s per cell, ${SUBJECTS} subjects in the vault, mTLS both sides`);
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; node ${process.version}; ${infrastructure.postgresDescription}`);
    console.log(
      `load average before: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')} (other work on the machine slows both columns)`,
    );
    console.log('            plain grpc-js (no work)      hub RequestEvidence (audited)');
    console.log('concurrency   req/s  p50 ms  p99 ms      req/s  p50 ms  p99 ms   hub/plain');
    for (const concurrency of LEVELS) {
      const { result: ceiling, cpu: plainCpu } = await measure(plain.address, plain.child.pid ?? 0, concurrency, false);
      const { result: measured, cpu: hubCpu } = await measure(hub.grpcAddress, hub.pid, concurrency, true);
      hubAnswered += measured.completed;
      const total = hubCpu.server + hubCpu.database + hubCpu.client;
      cpuRows.push(
        `${String(concurrency).padStart(11)} ${plainCpu.server.toFixed(0).padStart(8)} ${plainCpu.client.toFixed(0).padStart(8)}    ` +
          `${hubCpu.server.toFixed(0).padStart(8)} ${hubCpu.database.toFixed(0).padStart(8)} ${hubCpu.client.toFixed(0).padStart(8)} ${total.toFixed(0).padStart(8)}` +
          `${((cpus().length * 1e6) / total).toFixed(0).padStart(12)}`,
      );
      console.log(
        `${String(concurrency).padStart(11)} ${row(ceiling)}    ${row(measured)}   ${((100 * measured.requestsPerSecond) / ceiling.requestsPerSecond).toFixed(0).padStart(5)} %`,
      );
    }

    console.log(
      `load average after: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
    );
    console.log('\nCPU per answered request (µs), from /proc: what a request costs, whatever else runs on the machine');
    console.log('            plain grpc-js       hub RequestEvidence (audited)                 all cores / total');
    console.log('concurrency   server   client      server postgres   client    total   (req/s bound)');
    for (const line of cpuRows) console.log(line);
    // Every answer has its own committed audit entry: count them, then have the hub verify the chain.
    const db = new Client({ connectionString: url });
    await db.connect();
    const { rows } = await db.query<{ disclosed: string; total: string }>(
      "SELECT count(*) FILTER (WHERE action = 'EVIDENCE_DISCLOSED') AS disclosed, count(*) AS total FROM audit_entry",
    );
    await db.end();
    const metrics = await (await fetch(`${hub.httpAddress}/metrics`)).text();
    const batchSum = Number(/welkom_hub_evidence_request_batch_size_sum\{[^}]*\} ([\d.e+]+)/.exec(metrics)?.[1]);
    const batchCount = Number(/welkom_hub_evidence_request_batch_size_count\{[^}]*\} ([\d.e+]+)/.exec(metrics)?.[1]);
    console.log(`\naudit entries for answers: ${rows[0].disclosed} (answers received: ${hubAnswered}); chain length ${rows[0].total}`);
    console.log(`requests per committed transaction (mean): ${(batchSum / batchCount).toFixed(1)} over ${batchCount} transactions`);
    // Verifying the chain is an operator's call, in person: a development operator's certificate (issue 12).
    const audit = createGrpcClient(
      AUDIT_CONTRACT,
      hub.grpcAddress,
      createClientCredentials(material('operator.anna.devries')),
    ).getService<AuditServiceClient>('AuditService');
    const verifyStart = process.hrtime.bigint();
    const verdict = await firstValueFrom(audit.verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }));
    console.log(
      `VerifyAuditChain: intact=${verdict.intact}, ${verdict.verifiedEntries} entries in ${(Number(process.hrtime.bigint() - verifyStart) / 1e9).toFixed(1)} s`,
    );
  } finally {
    plain.child.kill('SIGTERM');
    await hub.stop();
    await dropDatabase(infrastructure.postgresUrl, database);
    await infrastructure.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
