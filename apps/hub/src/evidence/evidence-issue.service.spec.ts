import { TOPICS } from '@welkom/events';
import type { EnrolmentProof } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { EventInbox, EventOutbox, ReceivedEvent } from '@welkom/messaging';
import type { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import type { AuditTrailRepository } from '../audit/audit-trail.repository';
import type { EvidenceRequestRecord } from '../evidence-requests/evidence-request';
import type { EvidenceRequestRepository } from '../evidence-requests/evidence-request.repository';
import type { PartyRegistryService } from '../party-registry/party-registry.service';
import type { PartyRecord } from '../party-registry/party.repository';
import type { HubMetricsRepository } from '../platform/hub-metrics.repository';
import type { SubjectIdentifierRepository } from '../subjects/subject-identifier.repository';
import type { SubjectPseudonymRepository } from '../subjects/subject-pseudonym.repository';
import {
  CATALOGUE,
  CHECKED_PROOF,
  ENROLMENT,
  IND,
  LEIDEN,
  linkedSubjects,
  NOW,
  recordingAudit,
  storedProof,
  SUBJECT,
  TX,
  UWV,
} from '../testing/hub-fixtures';
import type { EvidenceRecord } from './evidence';
import type { IssueEvidenceCommand } from './evidence-issue.command';
import { EvidenceIssueService } from './evidence-issue.service';
import type { EvidenceRepository } from './evidence.repository';
import { commitmentOf, type EvidenceCommitmentRepository } from './evidence-commitment.repository';
import type { SealedSubjectRepository } from '../subjects/sealed-subject.repository';
import { sealedIssueCommand } from './evidence-issue.command';
import { invalidRequest } from '../grants/grant.command';

const NEW_ID = '00000000-0000-4000-8000-0000000000b1';
const COMMAND: IssueEvidenceCommand = {
  subject: { kind: 'bsn', value: '123456782' },
  entry: ENROLMENT,
  payload: CHECKED_PROOF,
  issuedAt: undefined,
  validUntil: undefined,
  sourceReference: 'leiden-2026-0001',
  subUnit: '',
};
const PENDING: EvidenceRequestRecord = {
  id: '00000000-0000-4000-8000-0000000000c1',
  requesterOin: IND.oin,
  requesterSubUnit: '',
  evidenceType: ENROLMENT.type,
  subjectPseudonym: SUBJECT,
  purpose: 'ADMISSION_STUDY',
  legalBasis: 'Vw 2000 art. 24a',
  explicitRequestByPerson: false,
  grantId: '00000000-0000-4000-8000-000000000001',
  status: 'COMPLETED',
  requestedAt: NOW,
  deadline: NOW,
  completedAt: NOW,
  evidenceId: NEW_ID,
  expiredAt: null,
  routedSourceOin: null,
  question: null,
};

interface Fakes {
  caller?: PartyRecord;
  vault?: Partial<EvidenceRepository>;
  requests?: Partial<EvidenceRequestRepository>;
  inbox?: Partial<EventInbox>;
}

const SALT = Buffer.alloc(32, 7);

function build(fakes: Fakes = {}) {
  const audit = recordingAudit();
  const events: string[] = [];
  const inserted: EvidenceRecord[] = [];
  const notAskedAgain: string[] = [];
  const issuing = new EvidenceIssueService(
    strictFake<PartyRegistryService>('PartyRegistryService', { callerRecord: async () => fakes.caller ?? LEIDEN }),
    strictFake<EvidenceRepository>('EvidenceRepository', {
      lockSubjects: async () => undefined,
      findBySourceReference: async () => null,
      insert: async (_tx, evidence, salt) => {
        expect(salt).toBe(SALT);
        inserted.push(evidence);
      },
      ...fakes.vault,
    }),
    strictFake<EvidenceRequestRepository>('EvidenceRequestRepository', { completePending: async () => [], ...fakes.requests }),
    strictFake<SubjectIdentifierRepository>('SubjectIdentifierRepository', { record: async () => undefined }),
    strictFake<SubjectPseudonymRepository>('SubjectPseudonymRepository', {
      pseudonymOf: () => SUBJECT,
      seal: () => ({ keyId: 'sk-test', bytes: Buffer.from('sealed') }),
    }),
    linkedSubjects(),
    strictFake<AuditTrailRepository>('AuditTrailRepository', { append: audit.append }),
    strictFake<EventOutbox>('EventOutbox', {
      enqueue: async (tx, topic) => {
        expect(tx).toBe(TX);
        events.push(topic.name);
        return {} as never;
      },
    }),
    strictFake<EventInbox>('EventInbox', fakes.inbox),
    strictFake<TransactionRepository>('TransactionRepository', { run: async (work) => work(TX) }),
    strictFake<ClockRepository>('ClockRepository', { now: () => NOW }),
    strictFake<IdRepository>('IdRepository', { newId: () => NEW_ID }),
    strictFake<HubMetricsRepository>('HubMetricsRepository', {
      documentNotAskedAgain: (type, from) => void notAskedAgain.push(`${type} ${from}`),
    }),
    strictFake<EvidenceCommitmentRepository>('EvidenceCommitmentRepository', {
      commit: (canonical) => ({ salt: SALT, commitment: commitmentOf(SALT, canonical) }),
    }),
    strictFake<SealedSubjectRepository>('SealedSubjectRepository', {
      open: (sealed) => {
        if (Buffer.from(sealed).toString() !== 'sealed-for-the-hub') {
          throw invalidRequest([{ field: 'sealed_subject', description: 'cannot be opened by the hub' }]);
        }
        return { bsn: '111222333' };
      },
    }),
    CATALOGUE,
  );
  return { issuing, audit, events, inserted, notAskedAgain };
}

describe('EvidenceIssueService.issueSealed (issue 11, leak 5)', () => {
  const sealedEvent = (sealed: string) => ({
    command: sealedIssueCommand({
      evidence: {
        subject: undefined,
        evidenceType: ENROLMENT.type,
        payload: { enrolmentProof: CHECKED_PROOF.fields as unknown as EnrolmentProof },
        issuedAt: undefined,
        validUntil: undefined,
        sourceReference: 'leiden-sealed-1',
        subUnit: '',
      },
      sealedSubject: Buffer.from(sealed),
    }),
    event: {
      envelope: { sourcePartyOin: LEIDEN.oin },
      payload: {},
      topic: 't',
      partition: 0,
      offset: '1',
    } as unknown as ReceivedEvent<unknown>,
  });

  it('opens the subject the source sealed for the hub and issues it like any other evidence', async () => {
    const { issuing, inserted, events } = build({ inbox: { claim: async () => true } });
    const { command, event } = sealedEvent('sealed-for-the-hub');
    const outcome = await issuing.issueSealed(LEIDEN.oin, command, event);
    expect(outcome.alreadyIssued).toBe(false);
    expect(inserted.map((evidence) => [evidence.sourceReference, evidence.subjectPseudonym])).toEqual([['leiden-sealed-1', SUBJECT]]);
    expect(events).toEqual([TOPICS.evidenceVerified.name]);
  });

  it('stores nothing, and refuses, when the hub cannot open the subject', async () => {
    const { issuing, inserted } = build({ inbox: { claim: async () => true } });
    const { command, event } = sealedEvent('sealed-for-someone-else');
    await expect(issuing.issueSealed(LEIDEN.oin, command, event)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(inserted).toEqual([]);
  });

  it('refuses a sealed issue that also names the subject in clear', () => {
    expect(() =>
      sealedIssueCommand({
        evidence: { ...sealedEvent('x').command.evidence, subject: { bsn: '111222333' } },
        sealedSubject: Buffer.from('x'),
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });
});

describe('EvidenceIssueService.issue', () => {
  it('stores the evidence with provenance, announces it and records it, in one transaction', async () => {
    const { issuing, audit, events, inserted } = build();

    const outcome = await issuing.issue(LEIDEN.oin, COMMAND);

    expect(inserted).toEqual([
      expect.objectContaining({
        id: NEW_ID,
        issuerOin: LEIDEN.oin,
        subjectPseudonym: SUBJECT,
        contentSha256: CHECKED_PROOF.sha256,
        contentCommitment: commitmentOf(SALT, CHECKED_PROOF.canonical),
        schemaVersion: 1,
        issuedAt: NOW,
        verifiedAt: NOW,
        validUntil: new Date(NOW.getTime() + 365 * 24 * 3_600_000),
      }),
    ]);
    expect(events).toEqual([TOPICS.evidenceVerified.name]);
    expect(audit.appended.map((a) => a.drafts.map((d) => d.action))).toEqual([['EVIDENCE_ISSUED']]);
    expect(outcome).toMatchObject({ alreadyIssued: false, completedRequests: 0 });
  });

  it('completes the pending requests for the subject and counts each as a document not asked again', async () => {
    const { issuing, audit, events, notAskedAgain } = build({ requests: { completePending: async () => [PENDING] } });

    const outcome = await issuing.issue(LEIDEN.oin, COMMAND);

    expect(outcome.completedRequests).toBe(1);
    expect(events).toEqual([TOPICS.evidenceVerified.name, TOPICS.evidenceRequestCompleted.name]);
    expect(audit.appended[0].drafts.map((d) => [d.action, d.requestId])).toEqual([
      ['EVIDENCE_ISSUED', null],
      ['EVIDENCE_REQUEST_COMPLETED', PENDING.id],
    ]);
    expect(notAskedAgain).toEqual([`${ENROLMENT.type} source`]);
  });

  it.each([
    ['a party without the source role', IND, 'NOT_AUTHORITATIVE_SOURCE'],
    ['a university that is not a recognised sponsor', { ...LEIDEN, roles: ['PARTY_ROLE_UNIVERSITY'] }, 'NOT_RECOGNISED_SPONSOR'],
    ['UWV', UWV, 'NOT_AUTHORITATIVE_SOURCE'],
  ])('refuses %s and records the attempt', async (_label, caller, reason) => {
    const { issuing, audit, inserted } = build({ caller });

    await expect(issuing.issue(caller.oin, COMMAND)).rejects.toMatchObject({ code: 'PERMISSION_DENIED', reason });

    expect(inserted).toEqual([]);
    expect(audit.appended[0].drafts.map((d) => [d.action, d.reason, d.subjectPseudonym])).toEqual([
      ['EVIDENCE_ISSUE_REFUSED', reason, SUBJECT],
    ]);
  });

  it('returns the stored evidence when the same source reference comes again with the same content', async () => {
    const stored = storedProof();
    const { issuing, inserted, events } = build({ vault: { findBySourceReference: async () => stored } });

    const outcome = await issuing.issue(LEIDEN.oin, COMMAND);

    expect(outcome).toEqual({ evidence: stored, alreadyIssued: true, completedRequests: 0 });
    expect(inserted).toEqual([]);
    expect(events).toEqual([]);
  });

  it('refuses the same source reference with other content', async () => {
    const { issuing } = build({ vault: { findBySourceReference: async () => storedProof({ contentSha256: 'other' }) } });
    await expect(issuing.issue(LEIDEN.oin, COMMAND)).rejects.toMatchObject({ code: 'ALREADY_EXISTS', reason: 'SOURCE_REFERENCE_CONFLICT' });
  });

  it('applies a redelivered source event once', async () => {
    const stored = storedProof();
    const { issuing, inserted } = build({
      inbox: { claim: async () => false },
      vault: { findBySourceReference: async () => stored },
    });

    const outcome = await issuing.issue(
      LEIDEN.oin,
      { ...COMMAND, subject: { kind: 'pseudonym', value: SUBJECT } },
      {} as ReceivedEvent<unknown>,
    );

    expect(outcome.alreadyIssued).toBe(true);
    expect(inserted).toEqual([]);
  });

  it('refuses evidence that claims to be issued in the future, or to be valid longer than the catalogue allows', async () => {
    const { issuing } = build();
    const future = new Date(NOW.getTime() + 3_600_000);
    await expect(issuing.issue(LEIDEN.oin, { ...COMMAND, issuedAt: future })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      fieldViolations: [{ field: 'evidence.issued_at', description: 'must not be in the future' }],
    });
    const tooLong = new Date(NOW.getTime() + 500 * 24 * 3_600_000);
    await expect(issuing.issue(LEIDEN.oin, { ...COMMAND, validUntil: tooLong })).rejects.toMatchObject({
      fieldViolations: [{ field: 'evidence.valid_until', description: expect.stringContaining('at most 400 days') as string }],
    });
  });
});

describe('EvidenceIssueService.revoke', () => {
  it('lets the issuer revoke, announces it and records it', async () => {
    const revoked: string[] = [];
    const { issuing, audit, events } = build({
      vault: { findById: async () => storedProof(), markRevoked: async (_tx, id) => void revoked.push(id) },
    });

    const evidence = await issuing.revoke(LEIDEN.oin, { target: { evidenceId: storedProof().id }, reason: 'deregistered' });

    expect(evidence.revokedAt).toEqual(NOW);
    expect(revoked).toEqual([storedProof().id]);
    expect(events).toEqual([TOPICS.evidenceRevoked.name]);
    expect(audit.appended[0].drafts.map((d) => [d.action, d.reason])).toEqual([['EVIDENCE_REVOKED', 'deregistered']]);
  });

  it('refuses anyone but the issuer, and records the attempt', async () => {
    const { issuing, audit } = build({ caller: UWV, vault: { findById: async () => storedProof() } });

    await expect(issuing.revoke(UWV.oin, { target: { evidenceId: storedProof().id }, reason: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      reason: 'EVIDENCE_NOT_FOUND',
    });
    expect(audit.appended[0].drafts.map((d) => [d.action, d.actorOin, d.reason])).toEqual([
      ['EVIDENCE_REVOKE_REFUSED', UWV.oin, 'NOT_THE_ISSUER'],
    ]);
  });

  it('leak 8: answers a party that is not the issuer alike for missing, valid and revoked evidence, without metadata', async () => {
    const revoked = storedProof({ revokedAt: new Date('2026-02-20T00:00:00Z'), revocationReason: 'earlier' });
    const answers: unknown[] = [];
    for (const stored of [null, storedProof(), revoked]) {
      const { issuing, events } = build({ caller: UWV, vault: { findById: async () => stored } });
      const answer: unknown = await issuing
        .revoke(UWV.oin, { target: { evidenceId: storedProof().id }, reason: 'x' })
        .catch((e: unknown) => e);
      expect(events).toEqual([]);
      answers.push(answer);
    }
    const [missing, valid, alreadyRevoked] = answers.map((answer) => {
      const error = answer as { code: string; reason: string; message: string };
      return { code: error.code, reason: error.reason, message: error.message };
    });
    expect(missing).toEqual({ code: 'NOT_FOUND', reason: 'EVIDENCE_NOT_FOUND', message: 'No such evidence issued by the caller' });
    expect([valid, alreadyRevoked]).toEqual([missing, missing]);
    expect(JSON.stringify(answers)).not.toContain(storedProof().contentSha256);
  });

  it('revokes once: revoking revoked evidence changes nothing', async () => {
    const already = storedProof({ revokedAt: new Date('2026-02-20T00:00:00Z'), revocationReason: 'earlier' });
    const { issuing, audit, events } = build({ vault: { findById: async () => already } });

    await expect(issuing.revoke(LEIDEN.oin, { target: { evidenceId: already.id }, reason: 'again' })).resolves.toBe(already);
    expect(events).toEqual([]);
    expect(audit.appended).toEqual([]);
  });
});
