import { APPLICATION_INTAKE_CONTRACT, EVIDENCE_EXCHANGE_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { EnrolmentStatus, StudyLevel, TuitionPayment } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { DeadlineAlert, DeadlineKind, DecisionPeriodExtended } from '@welkom/contracts/generated/welkom/ind/v1/deadline_events';
import { deadLetterTopicOf, TOPICS } from '@welkom/events';
import { createKafkaClient, readTopicToEnd } from '@welkom/messaging';
import { testKafka } from '@welkom/testing';
import type { ApplicationIntakeServiceClient } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { ApplicationFiled, SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import {
  DeliveryState,
  type EvidenceItem,
  type InternationalOfficeServiceClient,
  PushOutcome,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { call, callError, type Chain, NON_RECOGNISED_SPONSOR, startChain, until } from './chain-harness';

jest.setTimeout(180_000);

const S = ApplicationStatus;

function passport(n: number) {
  return { passport: { number: `SC${String(n).padStart(7, '0')}`, issuingCountry: 'KE' } };
}

function enrolment(n: number, overrides: Partial<EvidenceItem['enrolmentProof'] & object> = {}): EvidenceItem {
  return {
    itemReference: `enrol-${n}`,
    subject: passport(n),
    enrolmentProof: {
      institutionName: 'Universiteit Leiden',
      institutionBrin: '21PB',
      programmeName: 'MSc Computer Science',
      programmeCode: '60300',
      studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
      enrolmentStatus: EnrolmentStatus.ENROLMENT_STATUS_ADMITTED,
      academicYear: '2026-2027',
      startDate: '2026-09-01',
      expectedEndDate: '2028-08-31',
      fullTime: true,
      ...overrides,
    },
    issuedAt: undefined,
    validUntil: undefined,
  };
}

function tuition(n: number, payment: TuitionPayment, reference = `tuition-${n}`): EvidenceItem {
  return {
    itemReference: reference,
    subject: passport(n),
    tuitionPaymentStatus: { academicYear: '2026-2027', payment, paidUntilDate: '2027-08-31' },
    issuedAt: undefined,
    validUntil: undefined,
  };
}

function studentFiling(n: number) {
  return {
    applicationReference: `LEI-${n}`,
    category: PermitCategory.PERMIT_CATEGORY_STUDENT,
    applicant: passport(n),
    citizenship: 'US',
    intendedStayFrom: '2026-09-01',
    intendedStayUntil: '2028-08-31',
  };
}

describe('study applications from the university through the hub to the IND', () => {
  let chain: Chain;
  let office: InternationalOfficeServiceClient;
  let ind: () => ApplicationIntakeServiceClient;

  beforeAll(async () => {
    chain = await startChain({ label: 'study' });
    office = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'university-leiden');
    ind = () => chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, 'ind');
  });

  afterAll(async () => {
    await chain?.stop();
  });

  it('grants a student whose proofs the hub already holds and issues the permit, with three deadlines', async () => {
    const pushed = await call(office.pushEvidenceBatch({ items: [enrolment(1), tuition(1, TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL)] }));
    expect(pushed.results.map((result) => result.outcome)).toEqual([PushOutcome.PUSH_OUTCOME_ACCEPTED, PushOutcome.PUSH_OUTCOME_ACCEPTED]);

    const { application } = await call(office.fileApplication(studentFiling(1)));
    expect(application?.deliveryState).toBe(DeliveryState.DELIVERY_STATE_DELIVERED);
    const { application: atInd } = await call(ind().getApplication({ applicationRef: application?.indApplicationRef ?? '' }));
    expect(atInd?.status).toBe(S.APPLICATION_STATUS_PERMIT_ISSUED);
    expect(atInd?.completeOnReceipt).toBe(true);
    expect(atInd?.deadlines.map((line) => line.kind)).toEqual([
      DeadlineKind.DEADLINE_KIND_STATUTORY_DECISION,
      DeadlineKind.DEADLINE_KIND_RECOGNISED_SPONSOR_TARGET,
      DeadlineKind.DEADLINE_KIND_EU_30_DAY_AMBITION,
    ]);
    expect(atInd?.deadlines.map((line) => line.periodDays)).toEqual([60, 14, 30]);
    const grant = atInd?.decisions.find((decision) => decision.resultingStatus === S.APPLICATION_STATUS_GRANTED);
    expect(grant?.ruleVersion).toBe('decision-rules.v1');
    expect(grant?.evidenceUsed).toEqual([
      expect.objectContaining({
        evidenceId: pushed.results[0].evidence?.evidenceId,
        // The hub's salted commitment, the same the university got; never the unsalted hash (issue 11, leak 3).
        contentCommitment: pushed.results[0].evidence?.contentCommitment,
        contentSha256: '',
      }),
    ]);

    const seen = await until('the university sees the permit', async () => {
      const { application: view } = await call(office.getApplication({ applicationReference: 'LEI-1' }));
      return view?.status === S.APPLICATION_STATUS_PERMIT_ISSUED ? view : undefined;
    });
    expect(seen.history.map((entry) => entry.status)).toEqual([
      S.APPLICATION_STATUS_SUBMITTED,
      S.APPLICATION_STATUS_GRANTED,
      S.APPLICATION_STATUS_PERMIT_ISSUED,
    ]);
  });

  it('waits for a late enrolment proof and resumes when the university pushes it', async () => {
    const { application } = await call(office.fileApplication(studentFiling(2)));
    const ref = application?.indApplicationRef ?? '';
    expect((await call(ind().getApplication({ applicationRef: ref }))).application?.status).toBe(S.APPLICATION_STATUS_EVIDENCE_PENDING);
    await call(office.pushEvidenceBatch({ items: [tuition(2, TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL), enrolment(2)] }));
    const done = await until('the late proof resumes the case', async () => {
      const { application: atInd } = await call(ind().getApplication({ applicationRef: ref }));
      return atInd?.status === S.APPLICATION_STATUS_PERMIT_ISSUED ? atInd : undefined;
    });
    expect(done.completeOnReceipt).toBe(false);
    expect(done.history.map((entry) => entry.status)).toEqual([
      S.APPLICATION_STATUS_SUBMITTED,
      S.APPLICATION_STATUS_EVIDENCE_PENDING,
      S.APPLICATION_STATUS_GRANTED,
      S.APPLICATION_STATUS_PERMIT_ISSUED,
    ]);
  });

  it('grants without the permit while tuition is unpaid, and issues it once the payment is pushed', async () => {
    await call(office.pushEvidenceBatch({ items: [enrolment(3), tuition(3, TuitionPayment.TUITION_PAYMENT_NOT_PAID)] }));
    const { application } = await call(office.fileApplication(studentFiling(3)));
    const ref = application?.indApplicationRef ?? '';
    expect((await call(ind().getApplication({ applicationRef: ref }))).application?.status).toBe(S.APPLICATION_STATUS_GRANTED);
    await call(office.pushEvidence({ item: tuition(3, TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL, 'tuition-3-paid') }));
    await until('the payment lets the permit be issued', async () => {
      const { application: atInd } = await call(ind().getApplication({ applicationRef: ref }));
      return atInd?.status === S.APPLICATION_STATUS_PERMIT_ISSUED ? atInd : undefined;
    });
  });

  it('withdraws a grant when the university reports the student deregistered, and revokes the proof in the hub', async () => {
    await call(office.pushEvidenceBatch({ items: [enrolment(4)] }));
    const { application } = await call(office.fileApplication(studentFiling(4)));
    const ref = application?.indApplicationRef ?? '';
    await until('granted (tuition not yet proven)', async () =>
      (await call(ind().getApplication({ applicationRef: ref }))).application?.status === S.APPLICATION_STATUS_GRANTED ? true : undefined,
    );
    const report = await call(
      office.reportChange({ applicationReference: 'LEI-4', change: SponsorChange.SPONSOR_CHANGE_DEREGISTERED, factDate: '2026-11-01' }),
    );
    expect(report.revokedEvidence.map((evidence) => evidence.evidenceType)).toEqual([EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF]);
    const refused = await until('the IND withdraws the grant', async () => {
      const { application: atInd } = await call(ind().getApplication({ applicationRef: ref }));
      return atInd?.status === S.APPLICATION_STATUS_REFUSED ? atInd : undefined;
    });
    expect(refused.reasonCode).toBe('ENROLMENT_NOT_ACTIVE');
    const hub = chain.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, chain.hub, 'ind');
    const error = await callError(
      hub.requestEvidence({
        subject: passport(4),
        evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
        purpose: 'ADMISSION_STUDY',
        legalBasis: 'Vw 2000 art. 24a',
        explicitRequestByPerson: false,
        subUnit: '',
        responseTimeout: undefined,
        evidenceId: '',
        sourceOin: '',
        question: undefined,
      }),
    );
    expect(error.reason).toBe('EVIDENCE_REVOKED');
  });

  it('refuses an application filed by a sponsor that is not recognised, without looking the person up', async () => {
    const sponsor = chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, NON_RECOGNISED_SPONSOR.key);
    const { receipt } = await call(
      sponsor.fileApplication({
        sponsorReference: 'HSV-1',
        category: PermitCategory.PERMIT_CATEGORY_STUDENT,
        applicant: passport(5),
        citizenship: 'NG',
        intendedStayFrom: '2026-09-01',
        intendedStayUntil: '2027-08-31',
        collectionPoint: '',
        knowledgeMigrant: undefined,
        arrival: undefined,
        familyMember: undefined,
      }),
    );
    expect(receipt?.status).toBe(S.APPLICATION_STATUS_REFUSED);
    expect(receipt?.reasonCode).toBe('SPONSOR_NOT_RECOGNISED');
    const { application } = await call(ind().getApplication({ applicationRef: receipt?.applicationRef ?? '' }));
    expect(application?.subject?.pseudonym ?? '').toBe('');
    expect(receipt?.deadlines.map((line) => line.kind)).toEqual([
      DeadlineKind.DEADLINE_KIND_STATUTORY_DECISION,
      DeadlineKind.DEADLINE_KIND_EU_30_DAY_AMBITION,
    ]);
  });

  it('reports each item of a batch on its own: a bad item is rejected, the others are applied', async () => {
    const bad = enrolment(6, { startDate: '1 September 2026' });
    const response = await call(office.pushEvidenceBatch({ items: [enrolment(7), bad, { ...enrolment(8), enrolmentProof: undefined }] }));
    expect(response.results.map((result) => [result.itemReference, result.outcome])).toEqual([
      ['enrol-7', PushOutcome.PUSH_OUTCOME_ACCEPTED],
      ['enrol-6', PushOutcome.PUSH_OUTCOME_REJECTED],
      ['enrol-8', PushOutcome.PUSH_OUTCOME_REJECTED],
    ]);
    expect(response.results[1].fieldViolations.map((violation) => violation.field)).toContain('payload.enrolment_proof.start_date');
    const again = await call(office.pushEvidenceBatch({ items: [enrolment(7)] }));
    expect(again.results[0].outcome).toBe(PushOutcome.PUSH_OUTCOME_ALREADY_ACCEPTED);
  });

  it('takes applications over the event backbone too, by pseudonym only, from the sponsor that signed them', async () => {
    const pushed = await call(
      office.pushEvidenceBatch({ items: [enrolment(10), tuition(10, TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL)] }),
    );
    const pseudonym = pushed.results[0].subject?.pseudonym ?? '';
    const filed = {
      sponsorReference: 'LEI-EVT-10',
      category: PermitCategory.PERMIT_CATEGORY_STUDENT,
      citizenship: 'US',
      intendedStayFrom: '2026-09-01',
      intendedStayUntil: '2028-08-31',
      collectionPoint: '',
    };
    await chain.publishAs('university-leiden', TOPICS.applicationFiled, { ...filed, applicant: { pseudonym } });
    // Anything but a hub pseudonym in the applicant field (here a passport number) is dead-lettered, not registered.
    await chain.publishAs('university-leiden', TOPICS.applicationFiled, {
      ...filed,
      sponsorReference: 'LEI-EVT-11',
      applicant: { pseudonym: 'P1234567' },
    });
    const viaEvent = await until('the event filing is decided', async () => {
      const { applications } = await call(ind().listApplications({ pageSize: 500, pageToken: '' }));
      const found = applications.find((candidate) => candidate.sponsorReference === 'LEI-EVT-10');
      return found?.status === S.APPLICATION_STATUS_PERMIT_ISSUED ? { found, applications } : undefined;
    });
    expect(viaEvent.found.sponsor?.oin).toBe('00000003281234560000');
    expect(viaEvent.found.subject?.pseudonym).toBe(pseudonym);
    const kafka = createKafkaClient({ clientId: 'filed-dlt-reader', ...testKafka() });
    await until('the bad filing is dead-lettered', async () => {
      const parked = await readTopicToEnd(kafka, [deadLetterTopicOf(TOPICS.applicationFiled)]);
      return parked.some((record) => ApplicationFiled.decode(record.value ?? Buffer.alloc(0)).sponsorReference === 'LEI-EVT-11')
        ? true
        : undefined;
    });
    const { applications } = await call(ind().listApplications({ pageSize: 500, pageToken: '' }));
    expect(applications.some((candidate) => candidate.sponsorReference === 'LEI-EVT-11')).toBe(false);
  });

  it("serves its back office only: another party of the chain cannot push in the university's name", async () => {
    const impostor = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'ind');
    const error = await callError(impostor.pushEvidence({ item: enrolment(12) }));
    expect(error.reason).toBe('NOT_OWN_BACK_OFFICE');
  });

  it("withdraws an open application on the applicant's behalf, and not a decided one", async () => {
    const { application } = await call(office.fileApplication(studentFiling(13)));
    const ref = application?.indApplicationRef ?? '';
    await call(office.withdrawApplication({ applicationReference: 'LEI-13' }));
    const withdrawn = await until('the university sees the withdrawal', async () => {
      const { application: view } = await call(office.getApplication({ applicationReference: 'LEI-13' }));
      return view?.status === S.APPLICATION_STATUS_WITHDRAWN ? view : undefined;
    });
    expect(withdrawn.history.map((entry) => entry.status)).toEqual([
      S.APPLICATION_STATUS_SUBMITTED,
      S.APPLICATION_STATUS_EVIDENCE_PENDING,
      S.APPLICATION_STATUS_WITHDRAWN,
    ]);
    // A withdrawal ends the case like a decision: it has a date (the EU feed counts it).
    const decidedOn = (await call(ind().getApplication({ applicationRef: ref }))).application?.decidedOn ?? '';
    expect(decidedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(decidedOn >= withdrawn.submittedOn).toBe(true);
    const tooLate = await callError(office.withdrawApplication({ applicationReference: 'LEI-1' }));
    expect(tooLate.reason).toBe('ILLEGAL_STATUS_TRANSITION');
  });

  it('alerts once when an open case nears and passes its deadlines, and extends the statutory period once', async () => {
    const { application } = await call(office.fileApplication(studentFiling(9)));
    const ref = application?.indApplicationRef ?? '';
    const { application: open } = await call(ind().getApplication({ applicationRef: ref }));
    expect(open?.status).toBe(S.APPLICATION_STATUS_EVIDENCE_PENDING);
    const statutory = open?.deadlines.find((line) => line.kind === DeadlineKind.DEADLINE_KIND_STATUTORY_DECISION);
    // Run the IND's business clock to two days before the statutory due date (a rehearsal, not a wait).
    const daysAhead =
      Math.round((Date.parse(`${statutory?.dueOn}T12:00:00Z`) - Date.parse(`${open?.submittedOn}T12:00:00Z`)) / 86_400_000) - 2;
    await chain.restartInd('stop', { REHEARSAL_CLOCK_OFFSET_DAYS: String(daysAhead) });

    const kafka = createKafkaClient({ clientId: 'deadline-reader', ...testKafka() });
    const alerts = await until('deadline alerts', async () => {
      const records = await readTopicToEnd(kafka, [TOPICS.deadlineAtRisk.name, TOPICS.deadlineBreached.name]);
      const ours = records
        .map((record) => ({ topic: record.topic, alert: DeadlineAlert.decode(record.value ?? Buffer.alloc(0)) }))
        .filter(({ alert }) => alert.applicationRef === ref);
      return ours.length >= 3 ? ours : undefined;
    });
    expect(alerts.map(({ topic, alert }) => [topic, alert.kind, alert.daysLeft < 0]).sort()).toEqual(
      [
        [TOPICS.deadlineAtRisk.name, DeadlineKind.DEADLINE_KIND_STATUTORY_DECISION, false],
        [TOPICS.deadlineBreached.name, DeadlineKind.DEADLINE_KIND_RECOGNISED_SPONSOR_TARGET, true],
        [TOPICS.deadlineBreached.name, DeadlineKind.DEADLINE_KIND_EU_30_DAY_AMBITION, true],
      ].sort(),
    );
    expect(alerts.find(({ alert }) => alert.kind === DeadlineKind.DEADLINE_KIND_STATUTORY_DECISION)?.alert.daysLeft).toBe(2);

    const sponsorTries = await callError(
      chain
        .client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, 'university-leiden')
        .extendDecisionPeriod({ applicationRef: ref, days: 30 }),
    );
    expect(sponsorTries.reason).toBe('IND_ONLY');
    const { application: extended } = await call(ind().extendDecisionPeriod({ applicationRef: ref, days: 30 }));
    const line = extended?.deadlines.find((candidate) => candidate.kind === DeadlineKind.DEADLINE_KIND_STATUTORY_DECISION);
    expect([line?.periodDays, line?.extendedByDays, line?.dueBeforeExtensionOn]).toEqual([90, 30, statutory?.dueOn]);
    const second = await callError(ind().extendDecisionPeriod({ applicationRef: ref, days: 10 }));
    expect(second.reason).toBe('EXTENSION_NOT_ALLOWED');
    const extensions = await until('the extension event', async () => {
      const records = await readTopicToEnd(kafka, [TOPICS.decisionPeriodExtended.name]);
      const ours = records
        .map((record) => DecisionPeriodExtended.decode(record.value ?? Buffer.alloc(0)))
        .filter((event) => event.applicationRef === ref);
      return ours.length > 0 ? ours : undefined;
    });
    expect(extensions.map((event) => [event.extendedByDays, event.dueBeforeExtensionOn, event.dueOn])).toEqual([
      [30, statutory?.dueOn, line?.dueOn],
    ]);
  });
});
