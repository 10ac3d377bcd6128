import type { ClockRepository, TransactionRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import { HubError } from '../hub.errors';
import { assertHubOperator } from '../party-registry/party-roles';
import type { PartyRegistryService } from '../party-registry/party-registry.service';
import type { PartyRecord, PartyRepository } from '../party-registry/party.repository';
import type { SubjectPseudonymRepository } from '../subjects/subject-pseudonym.repository';
import { HUB, IND, NOW, recordingAudit, SUBJECT, TX } from '../testing/hub-fixtures';
import type { Caller, CallingOperator } from '@welkom/grpc';
import { auditDraft, type AuditRecord, type ChainHead, GENESIS_HASH, linkEntries } from './audit-chain';
import type { AuditVerificationRepository } from './audit-verification.repository';
import type { AuditTrailRepository } from './audit-trail.repository';
import { AuditService } from './audit.service';
import { type AuditCheckpoint, latestCheckpoint } from './audit-checkpoint';
import type { AuditCheckpointService } from './audit-checkpoint.service';
import type { SubjectLinkRepository } from '../subjects/subject-link.repository';
import type { CountersignedCheckpoint } from './audit-countersignature';
import type { AuditCountersignatureService } from './audit-countersignature.service';
import { VerificationQuotaRepository } from './verification-quota.repository';

function chainOf(count: number): { records: AuditRecord[]; head: { sequence: string; hash: string } } {
  const drafts = Array.from({ length: count }, () => auditDraft({ occurredAt: NOW, actorOin: IND.oin, action: 'EVIDENCE_DISCLOSED' }));
  return linkEntries({ sequence: '0', hash: GENESIS_HASH }, drafts);
}

const ANNA: CallingOperator = { oin: HUB.oin, operatorId: 'anna.devries' };
/** An operator certificate with another party's OIN: the registry says who the hub operator is. */
const IND_STAFF: CallingOperator = { oin: IND.oin, operatorId: 'someone' };

function asOperator(operator: CallingOperator): Caller {
  return { kind: 'operator', operator };
}
const IND_PARTY: Caller = { kind: 'party', party: { oin: IND.oin, subUnit: '' } };

function build(
  trail: Partial<AuditTrailRepository>,
  signed: () => Promise<AuditCheckpoint[]> = async () => [],
  verified: ChainHead[] = [],
  maxEntries = 1_000_000,
  countersigned: CountersignedCheckpoint[] = [],
  partyCallsPerHour = 6,
) {
  const latest = async () => latestCheckpoint(await signed());
  const registry = strictFake<PartyRegistryService>('PartyRegistryService', {
    hubOperator: async (oin) => {
      const party: PartyRecord = oin === HUB.oin ? HUB : IND;
      assertHubOperator(party);
      return party;
    },
    callerRecord: async (oin) => (oin === HUB.oin ? HUB : IND),
  });
  const config = { AUDIT_VERIFY_MAX_ENTRIES: maxEntries, AUDIT_VERIFY_PARTY_CALLS_PER_HOUR: partyCallsPerHour };
  return new AuditService(
    strictFake<AuditTrailRepository>('AuditTrailRepository', trail),
    registry,
    strictFake<PartyRepository>('PartyRepository', { list: async () => [HUB, IND] }),
    strictFake<SubjectPseudonymRepository>('SubjectPseudonymRepository', { pseudonymOf: () => SUBJECT }),
    strictFake<TransactionRepository>('TransactionRepository', { run: async (work) => work(TX) }),
    strictFake<ClockRepository>('ClockRepository', { now: () => NOW }),
    strictFake<AuditCheckpointService>('AuditCheckpointService', { latest }),
    strictFake<SubjectLinkRepository>('SubjectLinkRepository', {
      resolve: async (_tx, pseudonyms) => new Map(pseudonyms.map((pseudonym) => [pseudonym, pseudonym])),
      membersOf: async () => [],
    }),
    strictFake<AuditVerificationRepository>('AuditVerificationRepository', {
      latest: async () => verified[verified.length - 1],
      record: async (checkpoint) => void verified.push(checkpoint),
    }),
    strictFake<AuditCountersignatureService>('AuditCountersignatureService', { latest: async () => countersigned }),
    new VerificationQuotaRepository(config),
    config,
  );
}

function chainTrail(count: number): Partial<AuditTrailRepository> {
  return trailOf(chainOf(count));
}

/** A trail holding exactly these records and head, as a database would after whatever was done to it. */
function trailOf({ records, head }: { records: AuditRecord[]; head: ChainHead }): Partial<AuditTrailRepository> {
  return {
    head: async () => ({ ...head, highestStoredSequence: head.sequence }),
    entry: async (sequence) => records.find((record) => record.sequence === sequence) ?? null,
    page: async (after, upTo, limit) =>
      records.filter((r) => BigInt(r.sequence) > BigInt(after) && BigInt(r.sequence) <= BigInt(upTo)).slice(0, limit),
  };
}

describe('AuditService.verifyChain against signed checkpoints', () => {
  const TAKEN = new Date('2026-12-01T10:00:00Z');

  it('finds a chain recomputed after an edit, which its own hashes cannot show', async () => {
    const original = chainOf(6);
    const checkpoint = { chainId: 'chain', sequence: '6', entryHash: original.head.hash, takenAt: TAKEN };
    // Entry 3 edited and every hash from there recomputed: the chain agrees with itself again.
    const drafts = original.records.map((record, index) => (index === 2 ? { ...record, purpose: 'REWRITTEN' } : record));
    const rewritten = linkEntries({ sequence: '0', hash: GENESIS_HASH }, drafts);
    const trail = trailOf(rewritten);
    const verdict = await build(trail, async () => [checkpoint]).verifyChain(asOperator(ANNA), {
      fromSequence: 1n,
      limit: null,
      incremental: false,
    });
    expect(verdict).toMatchObject({ intact: false, firstBrokenSequence: '6', checkpoint });
    expect(verdict.problem).toMatch(/entry 6 does not have the hash of the signed checkpoint of 2026-12-01T10:00:00.000Z/);
  });

  it('finds a tail deleted together with its head, by the latest of several checkpoints', async () => {
    const { records, head } = chainOf(8);
    const cut = records.slice(0, 5);
    const trail = {
      head: async () => ({ chainId: 'chain', sequence: '5', hash: cut[4].entryHash, highestStoredSequence: '5' }),
      entry: async (sequence: string) => cut.find((record) => record.sequence === sequence) ?? null,
      page: async (after: string, upTo: string, limit: number) =>
        cut.filter((r) => BigInt(r.sequence) > BigInt(after) && BigInt(r.sequence) <= BigInt(upTo)).slice(0, limit),
    };
    const checkpoints = [
      { chainId: 'chain', sequence: '4', entryHash: records[3].entryHash, takenAt: TAKEN },
      { chainId: 'chain', sequence: '8', entryHash: head.hash, takenAt: new Date('2026-12-01T11:00:00Z') },
    ];
    const verdict = await build(trail, async () => checkpoints).verifyChain(asOperator(ANNA), {
      fromSequence: 1n,
      limit: null,
      incremental: false,
    });
    expect(verdict).toMatchObject({ intact: false, firstBrokenSequence: '6', checkpoint: checkpoints[1] });
    expect(verdict.problem).toMatch(/covers entry 8, but the chain head is at 5/);
  });

  it('says intact, naming the checkpoint, when the chain agrees with it', async () => {
    const { head } = chainOf(5);
    const checkpoint = { chainId: 'chain', sequence: '5', entryHash: head.hash, takenAt: TAKEN };
    const verdict = await build(chainTrail(5), async () => [checkpoint]).verifyChain(asOperator(ANNA), {
      fromSequence: 1n,
      limit: null,
      incremental: false,
    });
    expect(verdict).toMatchObject({ intact: true, checkpoint });
  });

  it('gives no verdict when the checkpoints cannot be read', async () => {
    const service = build(chainTrail(3), () => Promise.reject(new Error('broker down')));
    await expect(service.verifyChain(asOperator(ANNA), { fromSequence: 1n, limit: null, incremental: false })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      reason: 'AUDIT_UNAVAILABLE',
    });
  });
});

describe('AuditService.verifyChain', () => {
  it('refuses a party without the hub operator role', async () => {
    const service = build(chainTrail(3));
    await expect(service.verifyChain(asOperator(IND_STAFF), { fromSequence: 1n, limit: null, incremental: false })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      reason: 'NOT_HUB_OPERATOR',
    });
  });

  it('hands the event loop back between chunks, so other calls are served while a long chain is checked', async () => {
    const service = build(chainTrail(1_200));
    let turns = 0;
    let verifying = true;
    const otherWork = (): void => {
      if (!verifying) return;
      turns += 1;
      setImmediate(otherWork);
    };
    setImmediate(otherWork);

    const verdict = await service.verifyChain(asOperator(ANNA), { fromSequence: 1n, limit: null, incremental: false });
    verifying = false;

    expect(verdict).toMatchObject({ intact: true, verifiedEntries: 1_200, lastVerifiedSequence: '1200', headSequence: '1200' });
    // 1,200 entries in chunks of 250: four turns of the event loop between the five chunks.
    expect(turns).toBe(4);
  });

  it('checks only the range asked for, and compares the head only when the range reaches it', async () => {
    const service = build(chainTrail(10));
    expect(await service.verifyChain(asOperator(ANNA), { fromSequence: 4n, limit: 3n, incremental: false })).toMatchObject({
      intact: true,
      verifiedEntries: 3,
      lastVerifiedSequence: '6',
      headSequence: '10',
    });
    expect(await service.verifyChain(asOperator(ANNA), { fromSequence: 7n, limit: 100n, incremental: false })).toMatchObject({
      intact: true,
      verifiedEntries: 4,
    });
  });

  it('finds entries missing at the end of a range that stops before the head', async () => {
    const trail = chainTrail(10);
    const page = trail.page!;
    const service = build({
      ...trail,
      page: async (after, upTo, limit) => (await page(after, upTo, limit)).filter((r) => r.sequence !== '6'),
    });
    expect(await service.verifyChain(asOperator(ANNA), { fromSequence: 1n, limit: 6n, incremental: false })).toMatchObject({
      intact: false,
      firstBrokenSequence: '6',
      problem: 'entry 6 is missing',
      lastVerifiedSequence: '5',
    });
  });

  it('refuses a start beyond the chain head as an invalid request', async () => {
    const service = build(chainTrail(3));
    await expect(service.verifyChain(asOperator(ANNA), { fromSequence: 5n, limit: null, incremental: false })).rejects.toMatchObject({
      reason: 'INVALID_REQUEST',
      fieldViolations: [expect.objectContaining({ field: 'from_sequence' })],
    });
  });
});

describe('AuditService.verifyChain, incremental and bounded (issue 12)', () => {
  const TAKEN = new Date('2026-12-01T10:00:00Z');

  it('remembers a checkpoint verified from the genesis and starts the next incremental run after it', async () => {
    const { records, head } = chainOf(10);
    const checkpoint = { chainId: 'chain', sequence: '6', entryHash: records[5].entryHash, takenAt: TAKEN };
    const verified: ChainHead[] = [];
    const service = build(chainTrail(10), async () => [checkpoint], verified);

    expect(await service.verifyChain(asOperator(ANNA), { fromSequence: 1n, limit: null, incremental: false })).toMatchObject({
      intact: true,
      verifiedEntries: 10,
    });
    expect(verified).toEqual([{ sequence: '6', hash: records[5].entryHash }]);

    const incremental = await service.verifyChain(asOperator(ANNA), { fromSequence: 1n, limit: null, incremental: true });
    expect(incremental).toMatchObject({ intact: true, verifiedEntries: 4, lastVerifiedSequence: '10', headHash: head.hash });
  });

  it('finds a suffix rewritten after the verified checkpoint, anchored by the signed hash rather than the stored row', async () => {
    const original = chainOf(8);
    const checkpoint = { chainId: 'chain', sequence: '4', entryHash: original.records[3].entryHash, takenAt: TAKEN };
    // Entry 4 and everything after recomputed: the stored rows agree with each other, not with the signature.
    const drafts = original.records.map((record, index) => (index === 3 ? { ...record, purpose: 'REWRITTEN' } : record));
    const rewritten = linkEntries({ sequence: '0', hash: GENESIS_HASH }, drafts);
    const trail = trailOf(rewritten);
    const verified = [{ sequence: '4', hash: checkpoint.entryHash }];

    const verdict = await build(trail, async () => [checkpoint], verified).verifyChain(asOperator(ANNA), {
      fromSequence: 1n,
      limit: null,
      incremental: true,
    });

    expect(verdict).toMatchObject({ intact: false, firstBrokenSequence: '5', verifiedEntries: 0 });
  });

  it('hashes no more than the configured maximum per call, and says where to continue', async () => {
    const service = build(chainTrail(10), async () => [], [], 4);

    expect(await service.verifyChain(asOperator(ANNA), { fromSequence: 1n, limit: null, incremental: false })).toMatchObject({
      intact: true,
      verifiedEntries: 4,
      lastVerifiedSequence: '4',
    });
    expect(await service.verifyChain(asOperator(ANNA), { fromSequence: 5n, limit: 100n, incremental: false })).toMatchObject({
      verifiedEntries: 4,
    });
  });
});

describe('AuditService.verifyChain against counter-signatures and for parties (issue 12)', () => {
  const TAKEN = new Date('2026-12-01T10:00:00Z');

  it('finds a history rewritten past a countersigned checkpoint although the hub re-signed its own checkpoint', async () => {
    const original = chainOf(8);
    const countersigned = [{ sequence: '6', entryHash: original.records[5].entryHash, checkpointTakenAt: TAKEN, partyOins: [IND.oin] }];
    const drafts = original.records.map((record, index) => (index === 2 ? { ...record, purpose: 'REWRITTEN' } : record));
    const rewritten = linkEntries({ sequence: '0', hash: GENESIS_HASH }, drafts);
    const trail = trailOf(rewritten);
    // The hub's own latest checkpoint was re-signed over the rewritten chain: alone, it agrees.
    const resigned = { chainId: 'chain', sequence: '8', entryHash: rewritten.head.hash, takenAt: new Date('2026-12-02T10:00:00Z') };

    const verdict = await build(trail, async () => [resigned], [], 1_000_000, countersigned).verifyChain(asOperator(ANNA), {
      fromSequence: 1n,
      limit: null,
      incremental: false,
    });

    expect(verdict).toMatchObject({ intact: false, firstBrokenSequence: '6', countersigned });
    expect(verdict.problem).toMatch(new RegExp(`entry 6 does not have the hash of the checkpoint of .* countersigned by ${IND.oin}`));
  });

  it('lets a party verify within its hourly quota, then refuses with RESOURCE_EXHAUSTED and when to retry', async () => {
    const verified: ChainHead[] = [];
    const { records } = chainOf(4);
    const checkpoint = { chainId: 'chain', sequence: '4', entryHash: records[3].entryHash, takenAt: TAKEN };
    const service = build(chainTrail(4), async () => [checkpoint], verified, 1_000_000, [], 2);
    const command = { fromSequence: 1n, limit: null, incremental: false };

    expect(await service.verifyChain(IND_PARTY, command)).toMatchObject({ intact: true, verifiedEntries: 4 });
    expect(await service.verifyChain(IND_PARTY, command)).toMatchObject({ intact: true });
    const refusal = await service.verifyChain(IND_PARTY, command).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(HubError);
    expect(refusal).toMatchObject({ code: 'RESOURCE_EXHAUSTED', reason: 'VERIFICATION_RATE_LIMITED', retryDelayMs: 3_600_000 });
    // A party's verification does not move the operators' incremental anchor; operators stay unlimited.
    expect(verified).toEqual([]);
    for (let call = 0; call < 3; call += 1) {
      expect(await service.verifyChain(asOperator(ANNA), command)).toMatchObject({ intact: true });
    }
  });
});

describe('AuditService.recordDeadLetterReplay', () => {
  it('records the operator in person replaying a dead letter, and refuses an operator of another party', async () => {
    const audit = recordingAudit();
    const service = build({ append: audit.append });
    const command = { deadLetterId: 'welkom.ind.x.v1.dlt:0:7', sourceTopic: 'welkom.ind.x.v1', eventId: 'e-1', errorClass: 'STALE_EVENT' };

    await service.recordDeadLetterReplay(ANNA, command);
    await expect(service.recordDeadLetterReplay(IND_STAFF, command)).rejects.toMatchObject({ reason: 'NOT_HUB_OPERATOR' });

    expect(audit.appended.flatMap((a) => a.drafts)).toEqual([
      expect.objectContaining({
        action: 'DEAD_LETTER_REPLAYED',
        actorOin: HUB.oin,
        actorOperator: 'anna.devries',
        reason: 'welkom.ind.x.v1.dlt:0:7 (STALE_EVENT) to welkom.ind.x.v1, event e-1',
      }),
    ]);
  });
});

describe('AuditService.subjectAccess', () => {
  const COMMAND = {
    subject: { kind: 'bsn' as const, value: '999990019' },
    pageSize: 10,
    afterSequence: '0',
    purpose: 'COMPLAINT_HANDLING',
  };

  it('records the read in the transaction that reads the log, naming the caller, the pseudonym and the purpose', async () => {
    const audit = recordingAudit();
    const reads: unknown[] = [];
    const service = build({
      append: audit.append,
      pageForSubject: async (tx, pseudonym) => {
        reads.push([tx, pseudonym]);
        return [];
      },
    });

    await service.subjectAccess(ANNA, COMMAND);

    expect(reads).toEqual([[TX, [SUBJECT]]]);
    expect(audit.appended).toEqual([
      {
        tx: TX,
        drafts: [
          expect.objectContaining({
            action: 'SUBJECT_ACCESS_LISTED',
            actorOin: HUB.oin,
            actorOperator: 'anna.devries',
            subjectPseudonym: SUBJECT,
            purpose: 'COMPLAINT_HANDLING',
          }),
        ],
      },
    ]);
  });

  it('shows nothing when the read cannot be recorded (fail closed)', async () => {
    const service = build({
      pageForSubject: async () => [],
      append: () => Promise.reject(new Error('audit_entry refuses all')),
    });
    const refusal = await service.subjectAccess(ANNA, COMMAND).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(HubError);
    expect(refusal).toMatchObject({ code: 'UNAVAILABLE', reason: 'AUDIT_UNAVAILABLE' });
  });
});
