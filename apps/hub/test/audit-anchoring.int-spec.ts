import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AUDIT_CONTRACT } from '@welkom/contracts';
import type { AuditServiceClient, VerifyAuditChainResponse } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { AuditCheckpoint } from '@welkom/contracts/generated/welkom/hub/v1/audit_checkpoint';
import { createDataSource } from '@welkom/persistence';
import { eventually, testInfrastructure } from '@welkom/testing';
import { linkEntries } from '../src/audit/audit-chain';
import { AuditTrailRepository } from '../src/audit/audit-trail.repository';
import { exportAuditBundle, REPO_ROOT, type ToolRun, verifyAuditBundleOffline } from './audit-tools';
import { call, type HubUnderTest, OPERATOR, startHubUnderTest, testBsn } from './hub-test-harness';

jest.setTimeout(120_000);

describe('the audit chain anchored in signed checkpoints outside the database', () => {
  let hub: HubUnderTest;
  let db: Client;
  let bundleDir: string;
  const infrastructure = testInfrastructure();
  const audit = () => hub.client<AuditServiceClient>(AUDIT_CONTRACT, OPERATOR.anna);
  const verify = (): Promise<VerifyAuditChainResponse> =>
    call(audit().verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }));

  /** What an insider with the database (not the hub's key) does: triggers off, rows rewritten, triggers on. */
  async function asDatabaseAdministrator(work: () => Promise<void>): Promise<void> {
    await db.query('ALTER TABLE audit_entry DISABLE TRIGGER USER; ALTER TABLE audit_chain_head DISABLE TRIGGER USER');
    try {
      await work();
    } finally {
      await db.query('ALTER TABLE audit_entry ENABLE TRIGGER USER; ALTER TABLE audit_chain_head ENABLE TRIGGER USER');
    }
  }

  /** Export with the database and Kafka, verify with neither: the verifier's environment holds nothing of them. */
  async function offlineVerdict(name: string): Promise<ToolRun> {
    const bundle = join(bundleDir, `${name}.json`);
    expect(await exportAuditBundle(bundle, hub.databaseUrl, infrastructure)).toMatchObject({ code: 0, stderr: '' });
    return verifyAuditBundleOffline(bundle, infrastructure);
  }

  beforeAll(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'audit-bundles-'));
    hub = await startHubUnderTest('audit-anchoring', { AUDIT_CHECKPOINT_INTERVAL_MS: '200' });
    db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    // Reads of people's access logs are audited: twelve of them make a chain to tamper with.
    for (let seed = 1; seed <= 12; seed += 1) {
      await call(audit().listSubjectAccess({ subject: { bsn: testBsn(seed) }, pageSize: 10, pageToken: '', purpose: '' }));
    }
    await eventually(async () => {
      const verdict = await verify();
      return verdict.checkpointSequence === verdict.headSequence && verdict.headSequence !== '0' ? true : undefined;
    }, 30_000);
    await db.query(
      'CREATE TABLE audit_entry_kept AS SELECT * FROM audit_entry; CREATE TABLE audit_chain_head_kept AS SELECT * FROM audit_chain_head',
    );
  });

  afterEach(async () => {
    // Back to the chain the hub signed, so every case starts from the same history.
    await asDatabaseAdministrator(async () => {
      await db.query('DELETE FROM audit_entry; INSERT INTO audit_entry SELECT * FROM audit_entry_kept');
      await db.query('DELETE FROM audit_chain_head; INSERT INTO audit_chain_head SELECT * FROM audit_chain_head_kept');
    });
  });

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('verifies an untouched chain against the latest signed checkpoint, online and from an offline bundle', async () => {
    const verdict = await verify();
    expect(verdict).toMatchObject({ intact: true, checkpointSequence: verdict.headSequence });
    expect(verdict.checkpointTakenAt).toBeDefined();

    const offline = await offlineVerdict('untouched');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(
      new RegExp(`^intact: ${verdict.headSequence} entries up to head ${verdict.headSequence}, agreeing with the signed checkpoint`),
    );
  });

  it('finds a suffix recomputed after an edit, which the hashes alone would call intact', async () => {
    const head = (await verify()).headSequence;
    const dataSource = createDataSource({ url: hub.databaseUrl, applicationName: 'insider', entities: [], migrations: [] });
    await dataSource.initialize();
    try {
      const trail = new AuditTrailRepository(dataSource);
      const before = (await trail.entry('3'))!;
      const rest = await trail.page('3', head, 1_000);
      // Entry 4 says another purpose; every hash after it is recomputed so the chain agrees with itself.
      const relinked = linkEntries({ sequence: before.sequence, hash: before.entryHash }, [
        { ...rest[0], purpose: 'REWRITTEN' },
        ...rest.slice(1),
      ]);
      await asDatabaseAdministrator(async () => {
        for (const record of relinked.records) {
          await db.query('UPDATE audit_entry SET purpose = $2, previous_hash = $3, entry_hash = $4 WHERE sequence = $1', [
            record.sequence,
            record.purpose,
            record.previousHash,
            record.entryHash,
          ]);
        }
        await db.query('UPDATE audit_chain_head SET last_hash = $1', [relinked.head.hash]);
      });
    } finally {
      await dataSource.destroy();
    }

    const verdict = await verify();
    expect(verdict).toMatchObject({ intact: false, firstBrokenSequence: head });
    expect(verdict.problem).toMatch(new RegExp(`entry ${head} does not have the hash of the signed checkpoint`));

    const offline = await offlineVerdict('recomputed');
    expect(offline.code).toBe(1);
    expect(offline.stdout).toMatch(
      new RegExp(`NOT intact at entry ${head}: entry ${head} does not have the hash of the signed checkpoint`),
    );
  });

  it('finds a tail deleted together with its head', async () => {
    const head = Number((await verify()).headSequence);
    await asDatabaseAdministrator(async () => {
      await db.query('DELETE FROM audit_entry WHERE sequence > $1', [head - 3]);
      await db.query(
        'UPDATE audit_chain_head SET last_sequence = $1, last_hash = (SELECT entry_hash FROM audit_entry WHERE sequence = $1)',
        [head - 3],
      );
    });

    const verdict = await verify();
    expect(verdict).toMatchObject({ intact: false, firstBrokenSequence: String(head - 2) });
    expect(verdict.problem).toMatch(new RegExp(`covers entry ${head}, but the chain head is at ${head - 3}`));

    const offline = await offlineVerdict('deleted-tail');
    expect(offline.code).toBe(1);
    expect(offline.stdout).toMatch(new RegExp(`covers entry ${head}, but the chain head is at ${head - 3}`));
  });

  it('finds a rewound head, and the hub refuses to sign a checkpoint of it', async () => {
    const before = await verify();
    const head = Number(before.headSequence);
    await asDatabaseAdministrator(async () => {
      await db.query(
        'UPDATE audit_chain_head SET last_sequence = $1, last_hash = (SELECT entry_hash FROM audit_entry WHERE sequence = $1)',
        [head - 2],
      );
    });
    // Several checkpoint intervals pass: none may bless the rewound chain.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const verdict = await verify();
    expect(verdict).toMatchObject({ intact: false, checkpointSequence: String(head) });
    expect((await offlineVerdict('rewound')).code).toBe(1);
  });

  it('believes no checkpoint that was altered in the bundle, and refuses a file that is no bundle', async () => {
    const bundle = join(bundleDir, 'forged.json');
    expect((await exportAuditBundle(bundle, hub.databaseUrl, infrastructure)).code).toBe(0);
    const content = JSON.parse(readFileSync(bundle, 'utf8')) as { checkpoints: { value: string }[] };
    // Every checkpoint made to name another hash for its entry: the hub's signature no longer covers them.
    for (const record of content.checkpoints) {
      const forged = AuditCheckpoint.decode(Buffer.from(record.value, 'base64'));
      forged.entryHash = 'f'.repeat(64);
      record.value = Buffer.from(AuditCheckpoint.encode(forged).finish()).toString('base64');
    }
    writeFileSync(bundle, JSON.stringify(content));
    const verdict = await verifyAuditBundleOffline(bundle, infrastructure);
    expect(verdict.stderr).toMatch(/checkpoint not believed, offset \d+: BAD_SIGNATURE: the signature does not match the event/);
    expect(verdict.stdout).toMatch(/^intact: \d+ entries up to head \d+, with no signed checkpoint to compare it with/);

    const notABundle = await verifyAuditBundleOffline(join(REPO_ROOT, 'package.json'), infrastructure);
    expect(notABundle.code).toBe(2);
    expect(notABundle.stderr).toMatch(/is not an audit bundle/);
  });
});
