import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { type Metadata, status } from '@grpc/grpc-js';
import { firstValueFrom } from 'rxjs';
import { AUDIT_CONTRACT, EVIDENCE_EXCHANGE_CONTRACT, GRANT_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import {
  EnrolmentProof,
  EnrolmentStatus,
  PermitDecision,
  RecognisedSponsorStatus,
  SponsorRecognition,
  SponsorRegister,
  StudyLevel,
  TuitionPayment,
} from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { AuditServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import {
  EvidenceRequestStatus,
  type EvidenceServiceClient,
  type RequestEvidenceRequest,
} from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { type GrantServiceClient, SubjectRelation } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import { ApplicationStatus, PermitCategory, SponsorType } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { deadLetterTopicOf, TOPICS } from '@welkom/events';
import { ClearIdentifierRefusedError, readTopicToEnd, sealSubject } from '@welkom/messaging';
import { eventually, scanBackboneForIdentifiers, testInfrastructure, testKafka } from '@welkom/testing';
import { isValidBsn } from '@welkom/validation';
import { call, callError, type HubUnderTest, OIN, OPERATOR, startHubUnderTest, testBsn } from './hub-test-harness';
import { KafkaProbe } from './kafka-probe';

jest.setTimeout(120_000);

const PROOF: EnrolmentProof = {
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
};
const IND_GRANTED_FIELDS = [
  'institution_name',
  'programme_name',
  'study_level',
  'enrolment_status',
  'academic_year',
  'start_date',
  'expected_end_date',
  'full_time',
];
const ADMISSION_STUDY = { purpose: 'ADMISSION_STUDY', legalBasis: 'Vw 2000 art. 24a' };

let nextSubject = 7_000;
/** Passport numbers that travelled sealed: the backbone scan below must not find them. */
const sealedPassports: string[] = [];
function newSubject(): SubjectIdentifier {
  nextSubject += 1;
  return { bsn: testBsn(nextSubject) };
}

function sourceReference(): string {
  nextSubject += 1;
  return `leiden-enrolment-${nextSubject}`;
}

function enrolmentRequest(subject: SubjectIdentifier, overrides: Partial<RequestEvidenceRequest> = {}): RequestEvidenceRequest {
  return {
    subject,
    evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
    ...ADMISSION_STUDY,
    explicitRequestByPerson: false,
    subUnit: '',
    responseTimeout: undefined,
    evidenceId: '',
    sourceOin: '',
    question: undefined,
    ...overrides,
  };
}

describe('once-only evidence exchange over real mTLS gRPC, PostgreSQL and Kafka', () => {
  let hub: HubUnderTest;
  const kafka = new KafkaProbe();
  const evidence = (party: Parameters<HubUnderTest['client']>[1]) => hub.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, party);
  const audit = (party: Parameters<HubUnderTest['client']>[1]) => hub.client<AuditServiceClient>(AUDIT_CONTRACT, party);
  const grants = (party: Parameters<HubUnderTest['client']>[1]) => hub.client<GrantServiceClient>(GRANT_CONTRACT, party);

  async function issueEnrolment(
    subject: SubjectIdentifier,
    proof: EnrolmentProof = PROOF,
    party: 'university-leiden' | 'university-delft' | 'ind' | 'uwv' = 'university-leiden',
  ) {
    return call(
      evidence(party).issueEvidence({
        evidence: {
          subject,
          evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
          payload: { enrolmentProof: proof },
          issuedAt: undefined,
          validUntil: undefined,
          sourceReference: sourceReference(),
          subUnit: '',
        },
      }),
    );
  }

  async function accessLog(subject: SubjectIdentifier) {
    return (await call(audit(OPERATOR.anna).listSubjectAccess({ subject, pageSize: 0, pageToken: '', purpose: '' }))).entries;
  }

  beforeAll(async () => {
    // The hub creates the declared topics when it starts.
    hub = await startHubUnderTest('evidence');
    await kafka.watch([
      TOPICS.evidenceVerified,
      TOPICS.evidenceRevoked,
      TOPICS.evidenceRequested,
      TOPICS.evidenceRequestCompleted,
      TOPICS.evidenceRequestExpired,
      TOPICS.grantChanged,
      { name: deadLetterTopicOf(TOPICS.evidenceSourceIssued) },
      { name: deadLetterTopicOf(TOPICS.applicationStatusChanged) },
    ]);
  });

  afterAll(async () => {
    await kafka.stop();
    await hub?.stop();
  });

  it('lets a university issue an enrolment proof and answers with a reference to the canonical content', async () => {
    const response = await issueEnrolment(newSubject());

    expect(response.reference?.evidenceType).toBe(EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF);
    expect(response.reference?.contentSha256).toBe(createHash('sha256').update(EnrolmentProof.encode(PROOF).finish()).digest('hex'));
    expect(response.reference?.schemaVersion).toBe(1);
    expect(response.subject?.pseudonym).toMatch(/^subj_[a-z2-7]{52}$/);
    expect(response.alreadyIssued).toBe(false);
  });

  it('publishes evidence.verified with the reference and the pseudonym, never the BSN or the document', async () => {
    const subject = newSubject();
    const issued = await issueEnrolment(subject);
    const event = await eventually(async () =>
      kafka.events(TOPICS.evidenceVerified).find((e) => e.payload.evidence?.evidenceId === issued.reference?.evidenceId),
    );
    expect(event.envelope.sourcePartyOin).toBe(OIN.hub);
    expect(event.key).toBe(issued.subject?.pseudonym);
    expect(event.payload.issuer?.oin).toBe(OIN.leiden);
    expect(event.raw.toString('latin1')).not.toContain(subject.bsn);
    expect(event.raw.toString('latin1')).not.toContain(PROOF.programmeName);
  });

  it('treats issuing the same source reference twice as one issue', async () => {
    const subject = newSubject();
    const request = {
      evidence: {
        subject,
        evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
        payload: { enrolmentProof: PROOF },
        issuedAt: undefined,
        validUntil: undefined,
        sourceReference: sourceReference(),
        subUnit: '',
      },
    };
    const first = await call(evidence('university-leiden').issueEvidence(request));
    const second = await call(evidence('university-leiden').issueEvidence(request));
    expect(second.alreadyIssued).toBe(true);
    expect(second.reference?.evidenceId).toBe(first.reference?.evidenceId);

    const conflict = await callError(
      evidence('university-leiden').issueEvidence({
        evidence: { ...request.evidence, payload: { enrolmentProof: { ...PROOF, academicYear: '2027-2028' } } },
      }),
    );
    expect(conflict.code).toBe(status.ALREADY_EXISTS);
    expect(conflict.reason).toBe('SOURCE_REFERENCE_CONFLICT');
  });

  it('gives IND, which holds a grant, exactly the granted fields of the proof', async () => {
    const subject = newSubject();
    const issued = await issueEnrolment(subject);

    const response = await call(evidence('ind').requestEvidence(enrolmentRequest(subject)));

    const disclosed = response.evidence;
    expect(disclosed?.reference?.evidenceId).toBe(issued.reference?.evidenceId);
    expect(disclosed?.issuer?.oin).toBe(OIN.leiden);
    expect(disclosed?.disclosedFields).toEqual(IND_GRANTED_FIELDS);
    expect(disclosed?.payload?.enrolmentProof).toEqual({
      institutionName: PROOF.institutionName,
      institutionBrin: '',
      programmeName: PROOF.programmeName,
      programmeCode: '',
      studyLevel: PROOF.studyLevel,
      enrolmentStatus: PROOF.enrolmentStatus,
      academicYear: PROOF.academicYear,
      startDate: PROOF.startDate,
      expectedEndDate: PROOF.expectedEndDate,
      fullTime: PROOF.fullTime,
    });
    expect(Number(disclosed?.auditSequence)).toBeGreaterThan(0);
  });

  it('answers a request that names the person by the pseudonym the hub gave out', async () => {
    const subject = newSubject();
    const issued = await issueEnrolment(subject);
    const byPseudonym = await call(evidence('ind').requestEvidence(enrolmentRequest({ pseudonym: issued.subject?.pseudonym })));
    expect(byPseudonym.evidence?.reference?.evidenceId).toBe(issued.reference?.evidenceId);
  });

  it('refuses a party without a grant for the type with PERMISSION_DENIED, and records the refusal', async () => {
    const subject = newSubject();
    await call(
      evidence('university-leiden').issueEvidence({
        evidence: {
          subject,
          evidenceType: EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS,
          payload: {
            tuitionPaymentStatus: {
              academicYear: '2026-2027',
              payment: TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL,
              paidUntilDate: '2027-08-31',
            },
          },
          issuedAt: undefined,
          validUntil: undefined,
          sourceReference: sourceReference(),
          subUnit: '',
        },
      }),
    );

    // UWV has no grant for tuition payment status (the IND has one, for study admission).
    const error = await callError(
      evidence('uwv').requestEvidence(enrolmentRequest(subject, { evidenceType: EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS })),
    );

    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.reason).toBe('NO_GRANT');
    const refusal = (await accessLog(subject)).find((entry) => entry.action === 'EVIDENCE_REQUEST_REFUSED');
    expect(refusal).toMatchObject({ refusalReason: 'NO_GRANT', party: { oin: OIN.uwv }, partyName: 'UWV' });
  });

  it('refuses IND asking for another purpose than its grant names, and records the refusal with that purpose', async () => {
    const subject = newSubject();
    await issueEnrolment(subject);

    const wrongPurpose = await callError(evidence('ind').requestEvidence(enrolmentRequest(subject, { purpose: 'NATURALISATION' })));
    const wrongBasis = await callError(evidence('ind').requestEvidence(enrolmentRequest(subject, { legalBasis: 'Vw 2000 art. 107' })));

    expect(wrongPurpose).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'PURPOSE_NOT_GRANTED' });
    expect(wrongBasis).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'LEGAL_BASIS_NOT_GRANTED' });
    const refusals = (await accessLog(subject)).filter((entry) => entry.action === 'EVIDENCE_REQUEST_REFUSED');
    expect(refusals.map((entry) => [entry.refusalReason, entry.purpose, entry.legalBasis])).toEqual([
      ['PURPOSE_NOT_GRANTED', 'NATURALISATION', ADMISSION_STUDY.legalBasis],
      ['LEGAL_BASIS_NOT_GRANTED', 'ADMISSION_STUDY', 'Vw 2000 art. 107'],
    ]);
  });

  it.each([
    ['IND', 'ind', 'NOT_AUTHORITATIVE_SOURCE'],
    ['UWV', 'uwv', 'NOT_AUTHORITATIVE_SOURCE'],
  ] as const)('does not let %s, which is not the source, issue an enrolment proof', async (_name, party, reason) => {
    const subject = newSubject();
    const error = await callError(
      evidence(party).issueEvidence({
        evidence: {
          subject,
          evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
          payload: { enrolmentProof: PROOF },
          issuedAt: undefined,
          validUntil: undefined,
          sourceReference: sourceReference(),
          subUnit: '',
        },
      }),
    );
    expect(error).toMatchObject({ code: status.PERMISSION_DENIED, reason });
    expect((await accessLog(subject)).map((entry) => [entry.action, entry.refusalReason])).toEqual([['EVIDENCE_ISSUE_REFUSED', reason]]);
  });

  it('refuses a revoked proof with FAILED_PRECONDITION and says why', async () => {
    const subject = newSubject();
    const issued = await issueEnrolment(subject);
    await call(
      evidence('university-leiden').revokeEvidence({ evidenceId: issued.reference?.evidenceId, reason: 'Deregistered on 2026-10-01' }),
    );

    const error = await callError(evidence('ind').requestEvidence(enrolmentRequest(subject)));

    expect(error.code).toBe(status.FAILED_PRECONDITION);
    expect(error.reason).toBe('EVIDENCE_REVOKED');
    expect(error.preconditionViolations).toEqual([
      {
        type: 'EVIDENCE_REVOKED',
        subject: issued.reference?.evidenceId,
        description: expect.stringContaining('Deregistered on 2026-10-01') as string,
      },
    ]);
    await eventually(async () =>
      kafka.events(TOPICS.evidenceRevoked).find((e) => e.payload.evidence?.evidenceId === issued.reference?.evidenceId),
    );
  });

  it('revokes evidence from a withdrawal the source publishes on Kafka', async () => {
    const subject = newSubject();
    const reference = sourceReference();
    const issued = await call(
      evidence('university-leiden').issueEvidence({
        evidence: {
          subject,
          evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
          payload: { enrolmentProof: PROOF },
          issuedAt: undefined,
          validUntil: undefined,
          sourceReference: reference,
          subUnit: '',
        },
      }),
    );

    await kafka.publishAs('university-leiden', TOPICS.evidenceSourceRevoked, {
      evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
      sourceReference: reference,
      reason: 'Enrolment ended',
    });

    const revoked = await eventually(async () =>
      kafka.events(TOPICS.evidenceRevoked).find((e) => e.payload.evidence?.evidenceId === issued.reference?.evidenceId),
    );
    expect(revoked.payload.reason).toBe('Enrolment ended');
    expect(await callError(evidence('ind').requestEvidence(enrolmentRequest(subject)))).toMatchObject({
      code: status.FAILED_PRECONDITION,
      reason: 'EVIDENCE_REVOKED',
    });
  });

  it('lets only the issuer revoke', async () => {
    const issued = await issueEnrolment(newSubject());
    const error = await callError(
      evidence('university-delft').revokeEvidence({ evidenceId: issued.reference?.evidenceId, reason: 'not mine' }),
    );
    expect(error).toMatchObject({ code: status.NOT_FOUND, reason: 'EVIDENCE_NOT_FOUND' });
  });

  it("leak 8: revoking someone else's evidence reveals nothing, revoked or not", async () => {
    const valid = await issueEnrolment(newSubject());
    const revoked = await issueEnrolment(newSubject());
    await call(evidence('university-leiden').revokeEvidence({ evidenceId: revoked.reference?.evidenceId, reason: 'Deregistered' }));
    const missing = '00000000-0000-4000-8000-00000000dead';
    const revokeAs = async (evidenceId: string | undefined) => {
      try {
        await firstValueFrom(evidence('university-delft').revokeEvidence({ evidenceId, reason: 'not mine' }));
      } catch (error) {
        // Everything the caller receives: status, message and every trailer (the google.rpc.Status details).
        const { code, details, metadata } = error as { code: number; details: string; metadata: Metadata };
        return { code, details, trailers: Object.entries(metadata.getMap()).filter(([key]) => key !== 'date') };
      }
      throw new Error('expected the revoke to be refused');
    };

    const answers = [await revokeAs(missing), await revokeAs(valid.reference?.evidenceId), await revokeAs(revoked.reference?.evidenceId)];

    expect(answers[0].code).toBe(status.NOT_FOUND);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const everything = JSON.stringify(answers, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('latin1') : value));
    for (const reference of [valid.reference, revoked.reference]) {
      expect(everything).not.toContain(reference?.contentSha256);
      expect(everything).not.toContain(reference?.contentCommitment);
      expect(everything).not.toContain(reference?.evidenceId);
    }
    expect(await callError(evidence('university-delft').revokeEvidence({ evidenceId: missing, reason: 'x' }))).toMatchObject({
      code: status.NOT_FOUND,
      reason: 'EVIDENCE_NOT_FOUND',
    });
  });

  it('leak 3: a requester cannot recover a withheld field from anything it receives (brute force over its domain)', async () => {
    // UWV's shipped grant for a sponsor's register entry withholds recognised_since: a date, a domain small
    // enough to try whole. The IND (the source) issues the entry; UWV asks for it.
    const kvkNumber = String(40_000_000 + (nextSubject += 1));
    const entry: RecognisedSponsorStatus = {
      organisationName: 'Voorbeeld Techniek B.V.',
      kvkNumber,
      register: SponsorRegister.SPONSOR_REGISTER_REGULAR_LABOUR_AND_HIGHLY_SKILLED_MIGRANTS,
      recognition: SponsorRecognition.SPONSOR_RECOGNITION_RECOGNISED,
      recognisedSince: '2019-03-14',
    };
    const issued = await call(
      evidence('ind').issueEvidence({
        evidence: {
          subject: { kvkNumber },
          evidenceType: EvidenceType.EVIDENCE_TYPE_RECOGNISED_SPONSOR_STATUS,
          payload: { recognisedSponsorStatus: entry },
          issuedAt: undefined,
          validUntil: undefined,
          sourceReference: `register-${kvkNumber}`,
          subUnit: '',
        },
      }),
    );
    const answer = await call(
      evidence('uwv').requestEvidence({
        subject: { kvkNumber },
        evidenceType: EvidenceType.EVIDENCE_TYPE_RECOGNISED_SPONSOR_STATUS,
        purpose: 'WORK_PERMIT_ADVICE',
        legalBasis: 'Wav art. 3',
        explicitRequestByPerson: false,
        subUnit: '',
        responseTimeout: undefined,
        evidenceId: '',
        sourceOin: '',
        question: undefined,
      }),
    );
    const disclosed = answer.evidence;
    expect(disclosed?.disclosedFields).not.toContain('recognised_since');
    const received = disclosed?.payload?.recognisedSponsorStatus as RecognisedSponsorStatus;
    expect(received.recognisedSince).toBe('');
    // Integrity: the requester recomputes the hash of the view it was given.
    expect(disclosed?.disclosedViewSha256).toBe(
      createHash('sha256').update(RecognisedSponsorStatus.encode(received).finish()).digest('hex'),
    );

    // Everything the requester receives, or could read: its answer, and the evidence events on the backbone.
    const verified = await eventually(async () =>
      kafka.events(TOPICS.evidenceVerified).find((event) => event.payload.evidence?.evidenceId === issued.reference?.evidenceId),
    );
    const everything = JSON.stringify([answer, verified.payload]);
    const hexValues = new Set(everything.match(/[0-9a-f]{64}/g) ?? []);
    expect(hexValues.size).toBeGreaterThan(0);
    expect(verified.payload.evidence?.contentSha256).toBe('');
    expect(verified.payload.evidence?.contentCommitment).toBe(disclosed?.reference?.contentCommitment);

    // The attack: every date of 1990-2030 in the withheld field, hashed as the hub encodes a payload.
    const candidates: string[] = [];
    for (let day = Date.parse('1990-01-01'); day <= Date.parse('2030-12-31'); day += 86_400_000) {
      candidates.push(new Date(day).toISOString().slice(0, 10));
    }
    const bruteForce = (targets: ReadonlySet<string>): string[] =>
      candidates.filter((candidate) => {
        const guess = RecognisedSponsorStatus.encode({ ...received, recognisedSince: candidate }).finish();
        return targets.has(createHash('sha256').update(guess).digest('hex'));
      });
    expect(bruteForce(hexValues)).toEqual([]);
    // The same attack finds the withheld date at once in the unsalted hash the hub used to hand out (issue 11):
    // it is the issuer's hash, which the issuer alone still gets.
    expect(bruteForce(new Set([issued.reference?.contentSha256 ?? '']))).toEqual([entry.recognisedSince]);
  });

  it('leak 4: a sponsor cannot read a decision about someone it did not sponsor', async () => {
    const leidensApplicant = newSubject();
    const delftsApplicant = newSubject();
    const decide = (subject: SubjectIdentifier) =>
      call(
        evidence('ind').issueEvidence({
          evidence: {
            subject,
            evidenceType: EvidenceType.EVIDENCE_TYPE_RESIDENCE_PERMIT_DECISION,
            payload: {
              residencePermitDecision: {
                decision: PermitDecision.PERMIT_DECISION_GRANTED,
                purposeOfStay: 'STUDY',
                decidedOn: '2026-10-01',
                permitValidFrom: '2026-10-01',
                permitValidUntil: '2028-08-31',
                labourMarketAccess: '',
                caseReference: '',
              },
            },
            issuedAt: undefined,
            validUntil: undefined,
            sourceReference: sourceReference(),
            subUnit: '',
          },
        }),
      );
    const leidens = (await decide(leidensApplicant)).subject?.pseudonym ?? '';
    const delfts = (await decide(delftsApplicant)).subject?.pseudonym ?? '';
    const filedBy = (pseudonym: string, sponsorOin: string) => ({
      applicationRef: randomUUID(),
      subject: { pseudonym },
      category: PermitCategory.PERMIT_CATEGORY_STUDENT,
      status: ApplicationStatus.APPLICATION_STATUS_SUBMITTED,
      citizenship: 'KE',
      sponsorType: SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR,
      sponsor: { oin: sponsorOin, subUnit: '' },
      submittedOn: '2026-09-01',
      decidedOn: '',
      reasonCode: '',
      occurredAt: undefined,
      collectionPoint: '',
      arrival: undefined,
    });
    // Who filed for whom, as the IND's case journal publishes it, signed by the IND.
    await kafka.publishAs('ind', TOPICS.applicationStatusChanged, filedBy(leidens, OIN.leiden));
    await kafka.publishAs('ind', TOPICS.applicationStatusChanged, filedBy(delfts, OIN.delft));
    // Leiden claiming Delft's applicant itself is not a fact the hub takes: only the IND may publish status.
    await kafka.publishAs('university-leiden', TOPICS.applicationStatusChanged, filedBy(delfts, OIN.leiden));
    const askAbout = (subject: SubjectIdentifier): RequestEvidenceRequest => ({
      subject,
      evidenceType: EvidenceType.EVIDENCE_TYPE_RESIDENCE_PERMIT_DECISION,
      purpose: 'SPONSOR_DUTY_OF_CARE',
      legalBasis: 'Vw 2000 art. 2a',
      // Claimed, and worth nothing: the flag is not a consent record the hub can check.
      explicitRequestByPerson: true,
      subUnit: '',
      responseTimeout: undefined,
      evidenceId: '',
      sourceOin: '',
      question: undefined,
    });

    const own = await eventually(
      async () => (await call(evidence('university-leiden').requestEvidence(askAbout(leidensApplicant)))).evidence,
    );
    expect(own.disclosedFields).toEqual(['decision', 'decided_on', 'permit_valid_until']);
    await eventually(async () => (await call(evidence('university-delft').requestEvidence(askAbout(delftsApplicant)))).evidence);
    await eventually(async () => (kafka.raw(deadLetterTopicOf(TOPICS.applicationStatusChanged)).length > 0 ? true : undefined));

    const refused = await callError(evidence('university-leiden').requestEvidence(askAbout(delftsApplicant)));
    expect(refused).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'NO_RELATION' });
    const log = await accessLog(delftsApplicant);
    // Both relations the IND's event states, each established by the IND: its own case, and Delft's sponsorship.
    expect(log.filter((entry) => entry.action === 'RELATION_ESTABLISHED').map((entry) => entry.party?.oin)).toEqual([OIN.ind, OIN.ind]);
    // Delft's own asks may have been refused too, while the hub had not yet taken its sponsorship.
    expect(log.find((entry) => entry.action === 'EVIDENCE_REQUEST_REFUSED' && entry.party?.oin === OIN.leiden)).toMatchObject({
      refusalReason: 'NO_RELATION',
    });
  });

  it('registers a pending request, asks the source, and completes it when the source issues', async () => {
    const subject = newSubject();
    const response = await call(evidence('ind').requestEvidence(enrolmentRequest(subject, { sourceOin: OIN.leiden })));
    const pending = response.pending;
    expect(pending?.status).toBe(EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_PENDING);

    const asked = await eventually(async () =>
      kafka.events(TOPICS.evidenceRequested).find((e) => e.payload.requestId === pending?.requestId),
    );
    expect(asked.payload.sourceRoles).toEqual([PartyRole.PARTY_ROLE_UNIVERSITY]);
    expect(asked.raw.toString('latin1')).not.toContain(subject.bsn);
    // The source learns whom it is about over mTLS, not from the event.
    const open = await call(evidence('university-leiden').listOpenEvidenceRequests({ pageSize: 0 }));
    expect(open.requests.find((r) => r.requestId === pending?.requestId)?.subjectIdentifier?.bsn).toBe(subject.bsn);
    const notForUwv = await call(evidence('uwv').listOpenEvidenceRequests({ pageSize: 0 }));
    expect(notForUwv.requests.find((r) => r.requestId === pending?.requestId)).toBeUndefined();

    const issued = await issueEnrolment(subject);
    expect(issued.completedRequests).toBe(1);

    const state = await call(evidence('ind').getEvidenceRequest({ requestId: pending?.requestId ?? '' }));
    expect(state.request?.status).toBe(EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_COMPLETED);
    expect(state.evidence?.reference?.evidenceId).toBe(issued.reference?.evidenceId);
    expect(state.evidence?.disclosedFields).toEqual(IND_GRANTED_FIELDS);
    await eventually(async () => kafka.events(TOPICS.evidenceRequestCompleted).find((e) => e.payload.requestId === pending?.requestId));
  });

  it("leak 1: Delft lists no request about Leiden's applicant, and cannot complete it", async () => {
    const subject = newSubject();
    const asked = await call(evidence('ind').requestEvidence(enrolmentRequest(subject, { sourceOin: OIN.leiden })));
    const requestId = asked.pending?.requestId ?? '';
    expect(asked.pending?.status).toBe(EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_PENDING);

    const atDelft = await call(evidence('university-delft').listOpenEvidenceRequests({ pageSize: 0 }));
    expect(atDelft.requests.filter((r) => r.requestId === requestId || r.subjectIdentifier?.bsn === subject.bsn)).toEqual([]);
    const fromDelft = await issueEnrolment(subject, { ...PROOF, institutionName: 'Technische Universiteit Delft' }, 'university-delft');
    expect(fromDelft.completedRequests).toBe(0);
    const afterDelft = await call(evidence('ind').getEvidenceRequest({ requestId }));
    expect(afterDelft.request?.status).toBe(EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_PENDING);

    const atLeiden = await call(evidence('university-leiden').listOpenEvidenceRequests({ pageSize: 0 }));
    expect(atLeiden.requests.filter((r) => r.requestId === requestId).map((r) => r.subjectIdentifier?.bsn)).toEqual([subject.bsn]);
    // A source polling again sees the same identifier; only the first disclosure is audited (issue 13).
    const polledAgain = await call(evidence('university-leiden').listOpenEvidenceRequests({ pageSize: 0 }));
    expect(polledAgain.requests.filter((r) => r.requestId === requestId).map((r) => r.subjectIdentifier?.bsn)).toEqual([subject.bsn]);
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ actor_oin: string; subject_pseudonym: string; request_id: string }>(
        `SELECT actor_oin, subject_pseudonym, request_id FROM audit_entry
          WHERE action = 'REQUEST_IDENTIFIER_DISCLOSED' AND request_id = $1 ORDER BY sequence`,
        [requestId],
      );
      expect(rows).toEqual([{ actor_oin: OIN.leiden, subject_pseudonym: asked.pending?.subject?.pseudonym, request_id: requestId }]);
    } finally {
      await db.end();
    }

    const fromLeiden = await issueEnrolment(subject);
    expect(fromLeiden.completedRequests).toBe(1);
    const completed = await call(evidence('ind').getEvidenceRequest({ requestId }));
    expect(completed.request?.status).toBe(EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_COMPLETED);
    expect(completed.evidence?.reference?.evidenceId).toBe(fromLeiden.reference?.evidenceId);
    expect((await call(audit(OPERATOR.anna).verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }))).intact).toBe(true);
  });

  it('leak 1: refuses a named source that is not authoritative for the evidence type, with a field violation', async () => {
    const error = await callError(evidence('ind').requestEvidence(enrolmentRequest(newSubject(), { sourceOin: OIN.uwv })));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.fieldViolations.map((violation) => violation.field)).toEqual(['source_oin']);
  });

  it('never leaves a request waiting for evidence that is already in the vault, when issue and request race', async () => {
    const subjects = Array.from({ length: 20 }, () => newSubject());
    const outcomes = await Promise.all(
      subjects.map(async (subject) => {
        const [asked] = await Promise.all([call(evidence('ind').requestEvidence(enrolmentRequest(subject))), issueEnrolment(subject)]);
        return asked;
      }),
    );
    for (const outcome of outcomes) {
      if (outcome.evidence) continue;
      // Registered before the issue committed: the issue must have completed it.
      const state = await call(evidence('ind').getEvidenceRequest({ requestId: outcome.pending?.requestId ?? '' }));
      expect(state.request?.status).toBe(EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_COMPLETED);
    }
  });

  it('asks the source once when the same request comes twice', async () => {
    const subject = newSubject();
    const [first, second] = await Promise.all([
      call(evidence('ind').requestEvidence(enrolmentRequest(subject))),
      call(evidence('ind').requestEvidence(enrolmentRequest(subject))),
    ]);
    expect(second.pending?.requestId).toBe(first.pending?.requestId);
  });

  it('completes a pending request from a source event on Kafka, named by pseudonym', async () => {
    const subject = newSubject();
    const pending = (await call(evidence('ind').requestEvidence(enrolmentRequest(subject)))).pending;
    const pseudonym = pending?.subject?.pseudonym;

    await kafka.publishAs('university-leiden', TOPICS.evidenceSourceIssued, {
      subject: { pseudonym },
      evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
      payload: { enrolmentProof: PROOF },
      issuedAt: undefined,
      validUntil: undefined,
      sourceReference: sourceReference(),
      subUnit: '',
    });

    const state = await eventually(async () => {
      const current = await call(evidence('ind').getEvidenceRequest({ requestId: pending?.requestId ?? '' }));
      return current.request?.status === EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_COMPLETED ? current : undefined;
    });
    expect(state.evidence?.payload?.enrolmentProof?.programmeName).toBe(PROOF.programmeName);
  });

  it('dead-letters a source event that is not the source of the evidence type, with the reason', async () => {
    const reference = sourceReference();
    const pseudonym = (await issueEnrolment(newSubject())).subject?.pseudonym;
    await kafka.publishAs('ind', TOPICS.evidenceSourceIssued, {
      subject: { pseudonym },
      evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
      payload: { enrolmentProof: PROOF },
      issuedAt: undefined,
      validUntil: undefined,
      sourceReference: reference,
      subUnit: '',
    });
    const dead = await eventually(async () =>
      kafka.raw(deadLetterTopicOf(TOPICS.evidenceSourceIssued)).find((record) => record.key.endsWith(`/${reference}`)),
    );
    expect(dead.headers['welkom-dlt-reason']).toContain('authoritative source');
    expect(dead.headers['welkom-dlt-error-class']).toBe('BUSINESS_REJECTION');
  });

  it('leak 5: a producer refuses to publish a clear identifier on the backbone, so neither the topic nor its DLT gets it', async () => {
    const reference = sourceReference();
    const bsn = testBsn(99_001);
    await expect(
      kafka.publishAs('university-leiden', TOPICS.evidenceSourceIssued, {
        subject: { bsn },
        evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
        payload: { enrolmentProof: PROOF },
        issuedAt: undefined,
        validUntil: undefined,
        sourceReference: reference,
        subUnit: '',
      }),
    ).rejects.toThrow(ClearIdentifierRefusedError);
    const records = await readTopicToEnd(kafka.client, [TOPICS.evidenceSourceIssued.name, deadLetterTopicOf(TOPICS.evidenceSourceIssued)]);
    expect(records.filter((record) => (record.key?.toString() ?? '').endsWith(`/${reference}`))).toEqual([]);
  });

  it('leak 5: takes evidence whose subject the source sealed for the hub, and answers a request under the real identifier', async () => {
    const passport = { number: `XK${String((nextSubject += 1) % 10_000_000).padStart(7, '0')}`, issuingCountry: 'KE' };
    sealedPassports.push(passport.number);
    const hubCertificate = new X509Certificate(readFileSync(testInfrastructure().certificates.parties.hub.certificatePath));
    await kafka.publishAs('university-leiden', TOPICS.evidenceSourceIssuedSealed, {
      evidence: {
        subject: undefined,
        evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
        payload: { enrolmentProof: PROOF },
        issuedAt: undefined,
        validUntil: undefined,
        sourceReference: sourceReference(),
        subUnit: '',
      },
      sealedSubject: sealSubject(hubCertificate.publicKey, { passport }),
    });
    // Asked under the real identifier: pending until the hub has taken the event, answered from the vault after.
    const answered = await eventually(async () => (await call(evidence('ind').requestEvidence(enrolmentRequest({ passport })))).evidence);
    expect(answered.issuer?.oin).toBe(OIN.leiden);
    expect(answered.payload?.enrolmentProof?.programmeName).toBe(PROOF.programmeName);
  });

  it('expires a pending request at its deadline, explicitly', async () => {
    const subject = newSubject();
    const pending = (
      await call(evidence('ind').requestEvidence(enrolmentRequest(subject, { responseTimeout: { seconds: '1', nanos: 0 } })))
    ).pending;

    const expired = await eventually(async () => {
      const current = await call(evidence('ind').getEvidenceRequest({ requestId: pending?.requestId ?? '' }));
      return current.request?.status === EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_EXPIRED ? current : undefined;
    });
    expect(expired.evidence).toBeFalsy();
    await eventually(async () => kafka.events(TOPICS.evidenceRequestExpired).find((e) => e.payload.requestId === pending?.requestId));
    expect((await accessLog(subject)).map((entry) => entry.action)).toEqual(['EVIDENCE_REQUEST_PENDING', 'EVIDENCE_REQUEST_EXPIRED']);
  });

  it('does not show a request to anyone but its requester', async () => {
    const pending = (await call(evidence('ind').requestEvidence(enrolmentRequest(newSubject())))).pending;
    const error = await callError(evidence('uwv').getEvidenceRequest({ requestId: pending?.requestId ?? '' }));
    expect(error).toMatchObject({ code: status.NOT_FOUND, reason: 'REQUEST_NOT_FOUND' });
  });

  it('shows the person who asked for what, when, why and under which legal basis', async () => {
    const subject = newSubject();
    await issueEnrolment(subject);
    await call(evidence('ind').requestEvidence(enrolmentRequest(subject)));

    const entries = await accessLog(subject);

    expect(entries.map((entry) => entry.action)).toEqual(['EVIDENCE_ISSUED', 'EVIDENCE_DISCLOSED']);
    expect(entries[1]).toMatchObject({
      party: { oin: OIN.ind },
      evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
      purpose: 'ADMISSION_STUDY',
      legalBasis: 'Vw 2000 art. 24a',
      disclosedFields: IND_GRANTED_FIELDS,
    });
    expect(Number(entries[1].occurredAt?.seconds)).toBeGreaterThan(0);
  });

  it('lets only an operator in person see a subject access log: no party certificate, not even the hub its own', async () => {
    for (const party of ['ind', 'hub'] as const) {
      const error = await callError(audit(party).listSubjectAccess({ subject: newSubject(), pageSize: 0, pageToken: '', purpose: '' }));
      expect([party, error.code, error.reason]).toEqual([party, status.PERMISSION_DENIED, 'OPERATOR_CERTIFICATE_REQUIRED']);
    }
  });

  it('ListSubjectAccess reads are audited', async () => {
    const subject = newSubject();
    await issueEnrolment(subject);
    const first = await call(
      audit(OPERATOR.anna).listSubjectAccess({ subject, pageSize: 0, pageToken: '', purpose: 'COMPLAINT_HANDLING' }),
    );
    const second = await call(audit(OPERATOR.bram).listSubjectAccess({ subject, pageSize: 0, pageToken: '', purpose: '' }));

    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ actor_oin: string; actor_operator: string; subject_pseudonym: string; purpose: string }>(
        `SELECT actor_oin, actor_operator, subject_pseudonym, purpose FROM audit_entry
          WHERE action = 'SUBJECT_ACCESS_LISTED' AND subject_pseudonym = $1 ORDER BY sequence`,
        [first.subject?.pseudonym],
      );
      // Who read it, in person: the operator's identifier from their certificate, beside the hub operator's OIN.
      expect(rows).toEqual([
        { actor_oin: OIN.hub, actor_operator: 'anna.devries', subject_pseudonym: first.subject?.pseudonym, purpose: 'COMPLAINT_HANDLING' },
        {
          actor_oin: OIN.hub,
          actor_operator: 'bram.jansen',
          subject_pseudonym: first.subject?.pseudonym,
          purpose: 'SUBJECT_ACCESS_REQUEST',
        },
      ]);
    } finally {
      await db.end();
    }
    // The reads are in the chain, not in the log they read: paging through a log never makes it grow.
    expect(second.entries.map((entry) => entry.action)).toEqual(['EVIDENCE_ISSUED']);
    expect((await call(audit(OPERATOR.anna).verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }))).intact).toBe(true);
  });

  it('tells a party which grants it holds', async () => {
    const mine = (await call(grants('consular-nairobi').listMyGrants({}))).grants;
    expect(mine.map((grant) => [grant.evidenceType, grant.purpose])).toEqual([
      [EvidenceType.EVIDENCE_TYPE_RESIDENCE_PERMIT_DECISION, 'MVV_ISSUANCE'],
    ]);
  });

  it('lets only operators in person change grants, four-eyes; an ended grant stops requests at once', async () => {
    const grant = {
      grantId: '',
      requesterOin: OIN.rvo,
      requesterSubUnit: '',
      evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
      purpose: 'START_UP_ORIENTATION',
      legalBasis: 'Vw 2000 art. 24a',
      allowedFields: ['enrolment_status'],
      validFrom: undefined,
      validTo: { seconds: String(Math.floor(Date.now() / 1000) + 3600), nanos: 0 },
      requiresExplicitRequest: false,
      createdAt: undefined,
      endedAt: undefined,
      endReason: '',
      requiredRelation: SubjectRelation.SUBJECT_RELATION_UNSPECIFIED,
      proposedBy: '',
      approvedAt: undefined,
      approvedBy: '',
    };
    for (const party of ['ind', 'hub'] as const) {
      expect(await callError(grants(party).createGrant({ grant }))).toMatchObject({
        code: status.PERMISSION_DENIED,
        reason: 'OPERATOR_CERTIFICATE_REQUIRED',
      });
    }

    const created = (await call(grants(OPERATOR.anna).createGrant({ grant }))).grant;
    await call(grants(OPERATOR.bram).approveGrant({ grantId: created?.grantId ?? '' }));
    const subject = newSubject();
    await issueEnrolment(subject);
    const ask = enrolmentRequest(subject, { purpose: 'START_UP_ORIENTATION' });
    const answer = await call(evidence('rvo').requestEvidence(ask));
    expect(answer.evidence?.disclosedFields).toEqual(['enrolment_status']);

    await call(grants(OPERATOR.anna).endGrant({ grantId: created?.grantId ?? '', reason: 'pilot ended' }));
    expect(await callError(evidence('rvo').requestEvidence(ask))).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'NO_GRANT' });
    const changes = await eventually(async () => {
      const seen = kafka.events(TOPICS.grantChanged).filter((e) => e.payload.grant?.grantId === created?.grantId);
      return seen.length === 2 ? seen : undefined;
    });
    expect(changes.map((e) => e.payload.change)).toEqual(['GRANT_CHANGE_CREATED', 'GRANT_CHANGE_ENDED']);
  });

  it('answers nothing when the audit trail cannot be written (fail closed), and recovers when it can', async () => {
    const subject = newSubject();
    await issueEnrolment(subject);
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    try {
      // Every new audit row now violates a constraint: the database refuses the append.
      await db.query('ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_refuses_all CHECK (false) NOT VALID');
      const error = await callError(evidence('ind').requestEvidence(enrolmentRequest(subject)));
      expect(error).toMatchObject({ code: status.UNAVAILABLE, reason: 'AUDIT_UNAVAILABLE' });
    } finally {
      await db.query('ALTER TABLE audit_entry DROP CONSTRAINT IF EXISTS audit_entry_refuses_all');
      await db.end();
    }

    const answer = await call(evidence('ind').requestEvidence(enrolmentRequest(subject)));

    expect(answer.evidence?.disclosedFields).toEqual(IND_GRANTED_FIELDS);
    expect((await accessLog(subject)).map((entry) => entry.action)).toEqual(['EVIDENCE_ISSUED', 'EVIDENCE_DISCLOSED']);
  });

  it('counts documents not asked again as a Prometheus metric', async () => {
    const text = await (await fetch(`${hub.process.httpAddress}/metrics`)).text();
    const vault = /welkom_hub_documents_not_asked_again_total\{[^}]*answered_from="vault"[^}]*\} (\d+)/.exec(text);
    const source = /welkom_hub_documents_not_asked_again_total\{[^}]*answered_from="source"[^}]*\} (\d+)/.exec(text);
    expect(Number(vault?.[1])).toBeGreaterThan(0);
    expect(Number(source?.[1])).toBeGreaterThan(0);
  });

  it('never writes a BSN into its log', () => {
    const log = hub.process.output.join('');
    for (let seed = 7_001; seed <= nextSubject; seed += 1) expect(log).not.toContain(testBsn(seed));
  });

  it('leak 5: no topic or DLT record holds a BSN-valid number or a passport number', async () => {
    // After every flow above: every declared topic and every dead-letter topic, whole, keys and headers too.
    const scan = await scanBackboneForIdentifiers(testKafka(), sealedPassports);
    expect(scan.records).toBeGreaterThan(50);
    expect(scan.found).toEqual([]);
    // The scan can fail: the BSNs this spec used are BSN-valid tokens, and a passport did travel (sealed).
    expect(isValidBsn(testBsn(7_001))).toBe(true);
    expect(sealedPassports.length).toBeGreaterThan(0);
  });

  describe('the audit chain', () => {
    it('verifies', async () => {
      const verdict = await call(audit(OPERATOR.anna).verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }));
      expect(verdict).toMatchObject({ intact: true, firstBrokenSequence: '0', problem: '' });
      expect(Number(verdict.verifiedEntries)).toBeGreaterThan(10);
      expect(verdict.lastVerifiedSequence).toBe(verdict.headSequence);
    });

    it('is verified by parties too (issue 12, within a quota), who see hashes and counts but no entry', async () => {
      const byOperator = await call(audit(OPERATOR.anna).verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }));
      for (const party of ['ind', 'eu-reporting'] as const) {
        const verdict = await call(audit(party).verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }));
        expect([party, verdict.intact, Number(verdict.headSequence) >= Number(byOperator.headSequence)]).toEqual([party, true, true]);
        expect(Object.keys(verdict).sort()).toEqual(Object.keys(byOperator).sort());
      }
    });

    it('verifies a range: from_sequence and limit, continued from the last entry it verified', async () => {
      const range = await call(audit(OPERATOR.anna).verifyAuditChain({ fromSequence: '3', limit: '4', incremental: false }));
      expect(range).toMatchObject({ intact: true, verifiedEntries: '4', lastVerifiedSequence: '6', firstBrokenSequence: '0' });

      const rest = await call(audit(OPERATOR.anna).verifyAuditChain({ fromSequence: '7', limit: '0', incremental: false }));
      expect(rest.intact).toBe(true);
      expect(rest.lastVerifiedSequence).toBe(rest.headSequence);
      expect(Number(rest.verifiedEntries)).toBe(Number(rest.headSequence) - 6);
    });

    it('refuses to rewind, delete or truncate the chain head, or move it past the entries, through the database', async () => {
      const db = new Client({ connectionString: hub.databaseUrl });
      await db.connect();
      try {
        const before = await db.query<{ last_sequence: string; last_hash: string }>(
          'SELECT last_sequence, last_hash FROM audit_chain_head',
        );
        await expect(db.query('UPDATE audit_chain_head SET last_sequence = last_sequence - 1')).rejects.toThrow(/only moves forward/);
        await expect(db.query('UPDATE audit_chain_head SET last_sequence = 0')).rejects.toThrow(/only moves forward/);
        await expect(db.query('DELETE FROM audit_chain_head')).rejects.toThrow(/only moves forward: DELETE refused/);
        await expect(db.query('TRUNCATE audit_chain_head')).rejects.toThrow(/only moves forward: TRUNCATE refused/);
        await expect(db.query('UPDATE audit_chain_head SET last_sequence = last_sequence + 1')).rejects.toThrow(/newest audit entry/);
        // Entries written around the hub: the head may not be moved onto one while another lies beyond it.
        const copied = `actor_oin, actor_sub_unit, action, reason, subject_pseudonym, evidence_type, evidence_id, request_id, grant_id,
          purpose, legal_basis, disclosed_fields, explicit_request_by_person, actor_operator, previous_hash, entry_hash`;
        await db.query('BEGIN');
        await db.query(
          `INSERT INTO audit_entry (sequence, occurred_at, ${copied})
           SELECT e.sequence + k, e.occurred_at, ${copied.replace('entry_hash', 'repeat(k::text, 64)')}
             FROM audit_entry e, generate_series(1, 2) AS k WHERE e.sequence = $1`,
          [before.rows[0].last_sequence],
        );
        await expect(
          db.query("UPDATE audit_chain_head SET last_sequence = last_sequence + 1, last_hash = repeat('1', 64)"),
        ).rejects.toThrow(/newest audit entry/);
        await db.query('ROLLBACK');
        const after = await db.query<{ last_sequence: string; last_hash: string }>('SELECT last_sequence, last_hash FROM audit_chain_head');
        expect(after.rows).toEqual(before.rows);
      } finally {
        await db.end();
      }
      expect((await call(audit(OPERATOR.anna).verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }))).intact).toBe(true);
    });

    it('refuses an update through the database', async () => {
      const db = new Client({ connectionString: hub.databaseUrl });
      await db.connect();
      try {
        await expect(db.query("UPDATE audit_entry SET purpose = 'X' WHERE sequence = 1")).rejects.toThrow(/append-only/);
      } finally {
        await db.end();
      }
    });

    it('fails verification at the row someone altered in the database', async () => {
      const db = new Client({ connectionString: hub.databaseUrl });
      await db.connect();
      let altered: string;
      try {
        const { rows } = await db.query<{ sequence: string }>(
          "SELECT sequence FROM audit_entry WHERE action = 'EVIDENCE_DISCLOSED' ORDER BY sequence LIMIT 1",
        );
        altered = rows[0].sequence;
        // What an attacker with database rights does: switch the append-only trigger off and rewrite history.
        await db.query('BEGIN');
        await db.query("SET LOCAL session_replication_role = 'replica'");
        await db.query(`UPDATE audit_entry SET disclosed_fields = '{enrolment_status}' WHERE sequence = $1`, [altered]);
        await db.query('COMMIT');
      } finally {
        await db.end();
      }

      const verdict = await call(audit(OPERATOR.anna).verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }));

      expect(verdict.intact).toBe(false);
      expect(verdict.firstBrokenSequence).toBe(altered);
      expect(verdict.problem).toBe('entry hash does not match its content');
      expect(verdict.verifiedEntries).toBe(String(Number(altered) - 1));
    });
  });
});
