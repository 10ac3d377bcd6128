import { Logger } from '@nestjs/common';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { TOPICS } from '@welkom/events';
import type { Transaction } from '@welkom/persistence';
import type { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import type { EventOutbox } from '@welkom/messaging';
import { strictFake } from '@welkom/testing/strict-fake';
import type { AuditTrailRepository } from '../audit/audit-trail.repository';
import type { EvidenceRepository } from '../evidence/evidence.repository';
import type { HubError } from '../hub.errors';
import type { PartyRegistryService } from '../party-registry/party-registry.service';
import type { HubMetricsRepository } from '../platform/hub-metrics.repository';
import type { SubjectIdentifierRepository } from '../subjects/subject-identifier.repository';
import type { SubjectPseudonymRepository } from '../subjects/subject-pseudonym.repository';
import { CATALOGUE, ENROLMENT, grant, IND, LEIDEN, NOW, recordingAudit, storedProof, SUBJECT, TX, UWV } from '../testing/hub-fixtures';
import type { EvidenceRequestRecord } from './evidence-request';
import type { RequestItem } from './evidence-request.decision';
import { EvidenceRequestRepository } from './evidence-request.repository';
import { EvidenceRequestService } from './evidence-request.service';
import type { RequestSnapshot, RequestSnapshotRepository } from './request-snapshot.repository';

const REQUEST_ID = '00000000-0000-4000-8000-0000000000a1';

function item(callerOin: string, overrides: Partial<RequestItem['command']> = {}): RequestItem {
  return {
    callerOin,
    subjectPseudonym: SUBJECT,
    command: {
      subject: { kind: 'bsn', value: '123456782' },
      entry: ENROLMENT,
      purpose: 'ADMISSION_STUDY',
      legalBasis: 'Vw 2000 art. 24a',
      explicitRequestByPerson: false,
      subUnit: '',
      responseTimeoutMs: undefined,
      evidenceId: undefined,
      sourceOin: undefined,
      question: undefined,
      ...overrides,
    },
  };
}

interface Fakes {
  snapshot?: Partial<RequestSnapshot>;
  vault?: Partial<EvidenceRepository>;
  requests?: Partial<EvidenceRequestRepository>;
  audit?: Partial<AuditTrailRepository>;
  outbox?: Partial<EventOutbox>;
  subjectIdentifiers?: Partial<SubjectIdentifierRepository>;
  registry?: Partial<PartyRegistryService>;
  /** Active links, member pseudonym to subject, as the snapshot resolves them. */
  links?: Record<string, string>;
}

function service(fakes: Fakes = {}) {
  const metrics: string[] = [];
  const audit = recordingAudit();
  const transactions: Transaction[] = [];
  const built = new EvidenceRequestService(
    strictFake<RequestSnapshotRepository>('RequestSnapshotRepository', {
      load: async (tx, query) => {
        expect(tx).toBeNull();
        const links = fakes.links ?? {};
        return {
          links: query.relationSubjects.filter((member) => links[member]).map((member) => ({ member, subject: links[member] })),
          parties: [IND, UWV].filter((p) => query.oins.includes(p.oin)),
          grants: [grant()],
          evidence: [storedProof()],
          relations: [],
          ...fakes.snapshot,
        };
      },
    }),
    strictFake<PartyRegistryService>('PartyRegistryService', fakes.registry),
    strictFake<EvidenceRepository>('EvidenceRepository', fakes.vault),
    strictFake<EvidenceRequestRepository>('EvidenceRequestRepository', fakes.requests),
    strictFake<SubjectIdentifierRepository>('SubjectIdentifierRepository', fakes.subjectIdentifiers),
    strictFake<SubjectPseudonymRepository>('SubjectPseudonymRepository', {
      seal: () => ({ keyId: 'sk-test', bytes: Buffer.from('sealed') }),
      open: () => ({ kind: 'bsn', value: '123456782' }),
    }),
    CATALOGUE,
    strictFake<AuditTrailRepository>('AuditTrailRepository', { append: audit.append, ...fakes.audit }),
    strictFake<EventOutbox>('EventOutbox', fakes.outbox),
    strictFake<TransactionRepository>('TransactionRepository', {
      run: async (work) => {
        transactions.push(TX);
        return work(TX);
      },
    }),
    strictFake<ClockRepository>('ClockRepository', { now: () => NOW }),
    strictFake<IdRepository>('IdRepository', { newId: () => REQUEST_ID }),
    strictFake<HubMetricsRepository>('HubMetricsRepository', {
      documentNotAskedAgain: (type, from) => void metrics.push(`not-asked-again ${type} ${from}`),
      evidenceRequest: (type, outcome) => void metrics.push(`request ${outcome}`),
      requestBatchCommitted: (size) => void metrics.push(`batch ${size}`),
    }),
    { EVIDENCE_REQUEST_BATCH_MAX: 10, EVIDENCE_REQUEST_BATCH_CONCURRENCY: 1 },
  );
  return { service: built, audit, metrics, transactions };
}

describe('EvidenceRequestService.handleBatch', () => {
  it('decides a batch from one snapshot and records every answer and refusal in one append before answering', async () => {
    const { service: requests, audit, metrics, transactions } = service();

    const [ind, uwv] = await requests.handleBatch([item(IND.oin), item(UWV.oin)]);

    // Nothing to register: the append is a statement of its own, committed before anyone is answered.
    expect(transactions).toHaveLength(0);
    expect(audit.appended).toHaveLength(1);
    expect(audit.appended[0].tx).toBeNull();
    expect(audit.appended[0].drafts.map((d) => [d.actorOin, d.action, d.reason])).toEqual([
      [IND.oin, 'EVIDENCE_DISCLOSED', null],
      [UWV.oin, 'EVIDENCE_REQUEST_REFUSED', 'NO_GRANT'],
    ]);
    expect(audit.appended[0].drafts[0].disclosedFields).toEqual(['enrolment_status', 'academic_year']);
    expect(ind).toMatchObject({ ok: true, value: { kind: 'disclosed', auditSequence: '1' } });
    expect(uwv.ok).toBe(false);
    if (!uwv.ok) expect((uwv.error as HubError).hubReason).toBe('NO_GRANT');
    expect(metrics).toEqual(['batch 2', 'request disclosed', 'not-asked-again EVIDENCE_TYPE_ENROLMENT_PROOF vault', 'request NO_GRANT']);
  });

  it('answers a request under a linked identifier from the evidence stored under the one subject (leak 6)', async () => {
    const vNumberPseudonym = `subj_${'v'.repeat(52)}`;
    const { service: requests, audit, metrics } = service({ links: { [vNumberPseudonym]: SUBJECT } });

    const [answer] = await requests.handleBatch([{ ...item(IND.oin), subjectPseudonym: vNumberPseudonym }]);

    expect(answer).toMatchObject({ ok: true, value: { kind: 'disclosed', evidence: { subjectPseudonym: SUBJECT } } });
    expect(audit.appended[0].drafts.map((d) => [d.action, d.subjectPseudonym])).toEqual([['EVIDENCE_DISCLOSED', SUBJECT]]);
    expect(metrics).toContain('not-asked-again EVIDENCE_TYPE_ENROLMENT_PROOF vault');
  });

  it('answers nobody when the audit trail cannot be written (fail closed)', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { service: requests, metrics } = service({
      audit: {
        append: async () => {
          throw new Error('could not extend the audit chain');
        },
      },
    });

    const results = await requests.handleBatch([item(IND.oin), item(IND.oin)]);

    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'UNAVAILABLE', reason: 'AUDIT_UNAVAILABLE' });
    }
    expect(metrics).toEqual([]);
  });

  it('registers a pending request under the subject lock, keeps the identifier for the source and asks it by event', async () => {
    const locked: unknown[] = [];
    const enqueued: { topic: string; payload: unknown }[] = [];
    const sealedFor: string[] = [];
    const {
      service: requests,
      audit,
      transactions,
    } = service({
      snapshot: { evidence: [] },
      vault: {
        findForSubjects: async () => [],
        lockSubjects: async (_tx, keys) => void locked.push(...keys),
      },
      requests: {
        registerPending: async (_tx, pending) => pending.map((request: EvidenceRequestRecord) => ({ request, created: true })),
      },
      subjectIdentifiers: { record: async (_tx, entries) => void sealedFor.push(...entries.map((e) => e.pseudonym)) },
      outbox: {
        enqueue: async (_tx, topic, payload) => {
          enqueued.push({ topic: topic.name, payload });
          return {} as never;
        },
      },
    });

    const [result] = await requests.handleBatch([item(IND.oin)]);

    expect(locked).toEqual([{ evidenceType: ENROLMENT.type, subjectPseudonym: SUBJECT }]);
    expect(sealedFor).toEqual([SUBJECT]);
    expect(enqueued).toEqual([
      {
        topic: TOPICS.evidenceRequested.name,
        payload: expect.objectContaining({
          requestId: REQUEST_ID,
          sourceRoles: [PartyRole.PARTY_ROLE_UNIVERSITY],
          subject: { pseudonym: SUBJECT },
        }) as unknown,
      },
    ]);
    expect(transactions).toEqual([TX]);
    expect(audit.appended[0].tx).toBe(TX);
    expect(audit.appended[0].drafts.map((d) => [d.action, d.requestId])).toEqual([['EVIDENCE_REQUEST_PENDING', REQUEST_ID]]);
    expect(result).toMatchObject({ ok: true, value: { kind: 'pending', request: { id: REQUEST_ID, status: 'PENDING' } } });
  });

  it('answers from evidence that was issued while the request waited for the subject lock', async () => {
    const { service: requests } = service({
      snapshot: { evidence: [] },
      vault: { findForSubjects: async () => [storedProof()], lockSubjects: async () => undefined },
    });

    const [result] = await requests.handleBatch([item(IND.oin)]);

    expect(result).toMatchObject({ ok: true, value: { kind: 'disclosed' } });
  });

  it('does not ask the source again for a request that is already waiting', async () => {
    const existing = { id: 'existing', status: 'PENDING' } as EvidenceRequestRecord;
    const { service: requests } = service({
      snapshot: { evidence: [] },
      vault: { findForSubjects: async () => [], lockSubjects: async () => undefined },
      requests: { registerPending: async () => [{ request: existing, created: false }] },
      subjectIdentifiers: { record: async () => undefined },
    });

    const [result] = await requests.handleBatch([item(IND.oin)]);

    expect(result).toMatchObject({ ok: true, value: { kind: 'pending', request: existing } });
  });
});

describe('EvidenceRequestService.listOpen (issue 11, leak 1)', () => {
  const ROUTED = { id: REQUEST_ID, subjectPseudonym: SUBJECT, evidenceType: ENROLMENT.type, grantId: 'g', purpose: 'ADMISSION_STUDY' };
  const routedTo: string[] = [];
  /** Requests whose identifier the source saw before, as the table's identifier_disclosed_at says. */
  let disclosedBefore = new Set<string>();
  const fakes = (audit: Partial<AuditTrailRepository> = {}): Fakes => ({
    registry: { callerRecord: async () => LEIDEN },
    requests: {
      listPendingRoutedTo: async (sourceOin) => {
        routedTo.push(sourceOin);
        return [ROUTED as EvidenceRequestRecord];
      },
      claimFirstDisclosures: async (_tx, ids) => {
        const first = new Set(ids.filter((id) => !disclosedBefore.has(id)));
        disclosedBefore = new Set([...disclosedBefore, ...first]);
        return first;
      },
    },
    subjectIdentifiers: { findSealed: async () => new Map([[SUBJECT, { keyId: 'sk-test', bytes: Buffer.from('sealed') }]]) },
    audit,
  });

  beforeEach(() => {
    disclosedBefore = new Set();
  });

  it('lists only the requests routed to the caller, and audits each identifier it unseals before answering', async () => {
    routedTo.length = 0;
    const { service: requests, audit } = service(fakes());

    const open = await requests.listOpen(LEIDEN.oin, 10);

    expect(routedTo).toEqual([LEIDEN.oin]);
    expect(open.map((view) => view.identifier)).toEqual([{ kind: 'bsn', value: '123456782' }]);
    expect(audit.appended).toHaveLength(1);
    expect(audit.appended[0].drafts.map((d) => [d.actorOin, d.action, d.requestId, d.subjectPseudonym])).toEqual([
      [LEIDEN.oin, 'REQUEST_IDENTIFIER_DISCLOSED', REQUEST_ID, SUBJECT],
    ]);
  });

  it('audits a request’s identifier at its first disclosure to the source, not at every later poll', async () => {
    const { service: requests, audit, transactions } = service(fakes());

    await requests.listOpen(LEIDEN.oin, 10);
    const again = await requests.listOpen(LEIDEN.oin, 10);

    expect(again.map((view) => view.identifier)).toEqual([{ kind: 'bsn', value: '123456782' }]);
    expect(audit.appended.flatMap((append) => append.drafts.map((d) => d.requestId))).toEqual([REQUEST_ID]);
    // The mark and its audit entry commit together.
    expect(audit.appended.every((append) => append.tx === transactions[0])).toBe(true);
  });

  it('discloses no identifier when the unsealing cannot be audited (fail closed)', async () => {
    const { service: requests } = service(
      fakes({
        append: async () => {
          throw new Error('database down');
        },
      }),
    );

    await expect(requests.listOpen(LEIDEN.oin, 10)).rejects.toMatchObject({ reason: 'AUDIT_UNAVAILABLE' });
  });
});
