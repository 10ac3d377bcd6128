import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { Client } from 'pg';
import { AUDIT_CONTRACT } from '@welkom/contracts';
import type { AuditServiceClient, VerifyAuditChainResponse } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { TOPICS } from '@welkom/events';
import { toTimestamp } from '@welkom/platform';
import { eventually, serviceRun, type ServiceUnderTest, testInfrastructure } from '@welkom/testing';
import { exportAuditBundle, type ToolRun, verifyAuditBundleOffline } from './audit-tools';
import { call, callError, type HubUnderTest, OIN, OPERATOR, type PartyKey, startHubUnderTest, testBsn } from './hub-test-harness';
import { KafkaProbe } from './kafka-probe';

jest.setTimeout(180_000);

/** The hub's default AUDIT_VERIFY_PARTY_CALLS_PER_HOUR, as `npm start` runs it. */
const PARTY_CALLS_PER_HOUR = 6;
const INSUFFICIENT_PRIVILEGE = '42501';

interface PortableRecord {
  key: string | null;
  offset: string;
}

describe('parties countersign the hub audit checkpoints, and may verify the chain within a quota', () => {
  const infrastructure = testInfrastructure();
  const parties = serviceRun('audit-countersigning');
  let hub: HubUnderTest;
  let rvo: ServiceUnderTest;
  let leiden: ServiceUnderTest;
  let hubDb: Client;
  let bundleDir: string;
  const audit = (caller: PartyKey) => hub.client<AuditServiceClient>(AUDIT_CONTRACT, caller);
  const verifyAs = (caller: PartyKey): Promise<VerifyAuditChainResponse> =>
    call(audit(caller).verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }));

  async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      return (await db.query(sql, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  async function exportBundle(name: string): Promise<string> {
    const bundle = join(bundleDir, `${name}.json`);
    expect(await exportAuditBundle(bundle, hub.databaseUrl, infrastructure)).toMatchObject({ code: 0, stderr: '' });
    return bundle;
  }

  const verifyOffline = (bundle: string): Promise<ToolRun> => verifyAuditBundleOffline(bundle, infrastructure);

  beforeAll(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'audit-countersigning-'));
    hub = await startHubUnderTest('audit-countersigning', { AUDIT_CHECKPOINT_INTERVAL_MS: '200' });
    hubDb = new Client({ connectionString: hub.databaseUrl });
    await hubDb.connect();
    rvo = await parties.start({ app: 'rvo', party: 'rvo', env: { HUB_GRPC_ADDRESS: hub.process.grpcAddress } });
    leiden = await parties.start({
      app: 'university',
      party: 'university-leiden',
      env: { HUB_GRPC_ADDRESS: hub.process.grpcAddress },
    });
    // Audited reads of people's access logs make a chain for the hub to checkpoint.
    for (let seed = 1; seed <= 8; seed += 1) {
      await call(audit(OPERATOR.anna).listSubjectAccess({ subject: { bsn: testBsn(seed) }, pageSize: 10, pageToken: '', purpose: '' }));
    }
  });

  afterAll(async () => {
    await hubDb?.end();
    await parties.stop();
    await hub?.stop();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('has the hub checkpoint countersigned by two party connectors, recorded by each party and reported by VerifyAuditChain', async () => {
    const verdict = await eventually(async () => {
      const answer = await verifyAs(OPERATOR.anna);
      const latest = answer.countersignedCheckpoints[0];
      return answer.checkpointSequence === answer.headSequence && latest?.sequence === answer.headSequence && latest.partyOins.length === 2
        ? answer
        : undefined;
    }, 60_000);

    expect(verdict).toMatchObject({ intact: true });
    expect(verdict.countersignedCheckpoints[0]).toEqual({
      sequence: verdict.headSequence,
      entryHash: verdict.headHash,
      partyOins: [OIN.rvo, OIN.leiden].sort(),
    });
    for (const party of [rvo, leiden]) {
      const own = await query<{ entry_hash: string }>(
        party.databaseUrl,
        `SELECT entry_hash FROM party_audit_countersignature WHERE hub_oin = $1 AND sequence = $2`,
        [OIN.hub, verdict.headSequence],
      );
      expect(own).toEqual([{ entry_hash: verdict.headHash }]);
      // What a party vouched for stays as it was: its own service role may only add to the record.
      const rewrite = query(party.serviceDatabaseUrl, `UPDATE party_audit_countersignature SET entry_hash = entry_hash`);
      await expect(rewrite).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    }

    const offline = await verifyOffline(await exportBundle('countersigned'));
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(/^intact: /);
    expect(offline.stdout).toContain(
      `checkpoint at entry ${verdict.headSequence} (${verdict.headHash.slice(0, 12)}…) countersigned by ${[OIN.rvo, OIN.leiden].sort().join(', ')}`,
    );
  });

  it('lets a party verify within its hourly quota and answers RESOURCE_EXHAUSTED with a retry delay beyond it', async () => {
    for (let call = 1; call <= PARTY_CALLS_PER_HOUR; call += 1) {
      const answer = await verifyAs('rvo');
      // Hashes, counts and who countersigned: nothing about any entry's subject.
      expect(answer.intact).toBe(true);
      expect(answer.headHash).toMatch(/^[0-9a-f]{64}$/);
    }

    const refusal = await callError(audit('rvo').verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }));
    expect(refusal).toMatchObject({ code: status.RESOURCE_EXHAUSTED, reason: 'VERIFICATION_RATE_LIMITED' });
    expect(refusal.retryDelayMs).toBeGreaterThan(0);
    expect(refusal.retryDelayMs).toBeLessThanOrEqual(3_600_000);
    // The quota is the party's own; operators are not limited by it.
    expect(await verifyAs('university-leiden')).toMatchObject({ intact: true });
    expect(await verifyAs(OPERATOR.bram)).toMatchObject({ intact: true });
  });

  it('exposes a hub that rewound its head and re-signed its own checkpoint: the parties refuse it, and the offline verifier catches it by their counter-signatures', async () => {
    // The head as both parties countersigned it (a connector's start may have added an entry since).
    const before = await eventually(async () => {
      const answer = await verifyAs(OPERATOR.anna);
      const latest = answer.countersignedCheckpoints[0];
      return latest?.sequence === answer.headSequence && latest.partyOins.length === 2 ? answer : undefined;
    }, 60_000);
    const rewoundTo = String(Number(before.headSequence) - 2);
    const [{ entry_hash: chainId }] = (await hubDb.query('SELECT entry_hash FROM audit_entry WHERE sequence = 1')).rows as {
      entry_hash: string;
    }[];

    // An insider with the database and the hub's signing key: the tail goes, the head moves back, and the hub's key
    // signs a checkpoint of the shorter chain, later than the one the parties countersigned.
    await hubDb.query('ALTER TABLE audit_entry DISABLE TRIGGER USER; ALTER TABLE audit_chain_head DISABLE TRIGGER USER');
    await hubDb.query('DELETE FROM audit_entry WHERE sequence > $1', [rewoundTo]);
    await hubDb.query(
      'UPDATE audit_chain_head SET last_sequence = $1, last_hash = (SELECT entry_hash FROM audit_entry WHERE sequence = $1)',
      [rewoundTo],
    );
    await hubDb.query('ALTER TABLE audit_entry ENABLE TRIGGER USER; ALTER TABLE audit_chain_head ENABLE TRIGGER USER');
    const [{ entry_hash: rewoundHash }] = (await hubDb.query('SELECT entry_hash FROM audit_entry WHERE sequence = $1', [rewoundTo]))
      .rows as { entry_hash: string }[];
    const countersignedBy = async (party: ServiceUnderTest): Promise<unknown[]> =>
      query(
        party.databaseUrl,
        'SELECT sequence::text, entry_hash, checkpoint_taken_at FROM party_audit_countersignature ORDER BY sequence',
      );
    const countersignedBefore = [await countersignedBy(rvo), await countersignedBy(leiden)];
    const probe = new KafkaProbe();
    try {
      await probe.publishAs('hub', TOPICS.auditCheckpoint, {
        chainId,
        sequence: rewoundTo,
        entryHash: rewoundHash,
        takenAt: toTimestamp(new Date()),
      });
    } finally {
      await probe.stop();
    }

    // Each party refuses to countersign it and keeps an alarm.
    for (const party of [rvo, leiden]) {
      const alarms = await eventually(async () => {
        const rows = await query<{ kind: string; sequence: string }>(
          party.databaseUrl,
          `SELECT kind, sequence::text AS sequence FROM party_audit_alarm WHERE hub_oin = $1 AND chain_id = $2`,
          [OIN.hub, chainId],
        );
        return rows.length > 0 ? rows : undefined;
      }, 60_000);
      expect(alarms).toEqual([{ kind: 'REWIND', sequence: rewoundTo }]);
    }
    // ... and countersigns nothing of it.
    expect([await countersignedBy(rvo), await countersignedBy(leiden)]).toEqual(countersignedBefore);

    // Compaction keeps one checkpoint per chain, the last written: the re-signed one. The bundle then holds no
    // checkpoint of the hub that contradicts the rewound chain.
    const bundle = await exportBundle('rewound');
    const content = JSON.parse(readFileSync(bundle, 'utf8')) as { checkpoints: PortableRecord[]; countersignatures: PortableRecord[] };
    const ofChain = content.checkpoints.filter((record) => record.key === chainId);
    content.checkpoints = [ofChain.reduce((last, record) => (BigInt(record.offset) > BigInt(last.offset) ? record : last))];
    writeFileSync(bundle, JSON.stringify(content));

    const verdict = await verifyOffline(bundle);
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toMatch(
      new RegExp(
        `^NOT intact at entry ${Number(rewoundTo) + 1}: the checkpoint of \\S+ countersigned by ${[OIN.rvo, OIN.leiden].sort().join(', ')} ` +
          `covers entry \\d+, but the chain head is at ${rewoundTo}: entries after it were removed`,
      ),
    );

    // Without the counter-signatures the re-signed checkpoint would have passed: they are what catches it.
    writeFileSync(bundle, JSON.stringify({ ...content, countersignatures: [] }));
    const unanchored = await verifyOffline(bundle);
    expect(unanchored.code).toBe(0);
    expect(unanchored.stdout).toMatch(
      new RegExp(`^intact: ${rewoundTo} entries up to head ${rewoundTo}, agreeing with the signed checkpoint`),
    );
  });
});
