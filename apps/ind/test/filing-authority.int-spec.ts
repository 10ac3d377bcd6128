import { status } from '@grpc/grpc-js';
import { APPLICATION_INTAKE_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import { EnrolmentStatus, StudyLevel, TuitionPayment } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { ApplicationIntakeServiceClient } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, ApplicationStatusChanged, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { createKafkaClient, readTopicToEnd } from '@welkom/messaging';
import { testKafka } from '@welkom/testing';
import {
  type EvidenceItem,
  type InternationalOfficeServiceClient,
  PushOutcome,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { call, callError, type Chain, type PartyKey, startChain, until } from './chain-harness';

jest.setTimeout(180_000);

// A valid BSN (11-check): any party could name one, which is what made the lookup a leak.
const ARBITRARY_BSN = '111222333';

function passport(n: number) {
  return { passport: { number: `FA${String(n).padStart(7, '0')}`, issuingCountry: 'US' } };
}

function filing(reference: string, applicant: object, category = PermitCategory.PERMIT_CATEGORY_STUDENT) {
  return {
    sponsorReference: reference,
    category,
    applicant,
    // Exempt from the MVV (DOMAIN.md §2.6): the permit follows the grant without the consular leg.
    citizenship: 'US',
    intendedStayFrom: '2026-09-01',
    intendedStayUntil: '2028-08-31',
    collectionPoint: '',
    knowledgeMigrant: undefined,
    arrival: undefined,
    familyMember: undefined,
  };
}

function proofs(n: number): EvidenceItem[] {
  return [
    {
      itemReference: `fa-enrol-${n}`,
      subject: passport(n),
      enrolmentProof: {
        institutionName: 'Universiteit Leiden',
        institutionBrin: '21PB',
        programmeName: 'MSc Physics',
        programmeCode: '60301',
        studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
        enrolmentStatus: EnrolmentStatus.ENROLMENT_STATUS_ENROLLED,
        academicYear: '2026-2027',
        startDate: '2026-09-01',
        expectedEndDate: '2028-08-31',
        fullTime: true,
      },
      issuedAt: undefined,
      validUntil: undefined,
    },
    {
      itemReference: `fa-tuition-${n}`,
      subject: passport(n),
      tuitionPaymentStatus: {
        academicYear: '2026-2027',
        payment: TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL,
        paidUntilDate: '2027-08-31',
      },
      issuedAt: undefined,
      validUntil: undefined,
    },
  ];
}

/** Who may file at the IND, and what a filer learns (issue 11, leak 2), over real mTLS, Kafka and PostgreSQL. */
describe('filing authority at the IND intake', () => {
  let chain: Chain;
  const intakeAs = (party: PartyKey): ApplicationIntakeServiceClient =>
    chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, party);

  beforeAll(async () => {
    chain = await startChain({ label: 'filing-authority' });
  });

  afterAll(async () => {
    await chain?.stop();
  });

  it('leak 2: eu-reporting cannot file', async () => {
    const error = await callError(intakeAs('eu-reporting').fileApplication(filing('EU-1', { bsn: ARBITRARY_BSN })));
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.reason).toBe('NOT_A_SPONSOR');

    // Nothing was registered, so nothing was looked up: the IND holds no case from that party.
    const { applications } = await call(intakeAs('ind').listApplications({ pageSize: 500, pageToken: '' }));
    expect(applications.filter((application) => application.sponsorReference === 'EU-1')).toEqual([]);
    // And filing again changes nothing: still refused, not "already filed".
    expect((await callError(intakeAs('eu-reporting').fileApplication(filing('EU-1', { bsn: ARBITRARY_BSN })))).code).toBe(
      status.PERMISSION_DENIED,
    );
  });

  it('takes the collection point the application names and carries it on the status events; a centre without an IND desk is refused', async () => {
    const office = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'university-leiden');
    await call(office.pushEvidenceBatch({ items: proofs(21) }));

    // Leiden International Centre has no IND desk (welcome-centres.v1.json): nobody could collect a permit there.
    const deskless = await callError(
      intakeAs('university-leiden').fileApplication({ ...filing('FA-CP-0', passport(21)), collectionPoint: 'leiden-international-centre' }),
    );
    expect(deskless.code).toBe(status.INVALID_ARGUMENT);
    expect(deskless.fieldViolations.map((violation) => violation.field)).toEqual(['collection_point']);
    const unknown = await callError(
      intakeAs('university-leiden').fileApplication({ ...filing('FA-CP-0', passport(21)), collectionPoint: 'atlantis' }),
    );
    expect(unknown.fieldViolations.map((violation) => violation.field)).toEqual(['collection_point']);

    const { receipt } = await call(
      intakeAs('university-leiden').fileApplication({ ...filing('FA-CP-1', passport(21)), collectionPoint: 'in-amsterdam' }),
    );
    expect(receipt?.status).toBe(ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED);
    const applicationRef = receipt?.applicationRef ?? '';
    const kafka = createKafkaClient({ clientId: 'collection-point-reader', ...testKafka() });
    const statuses = await until('the permit-issued status event', async () => {
      const records = await readTopicToEnd(kafka, [TOPICS.applicationStatusChanged.name]);
      const events = records
        .map((record) => ApplicationStatusChanged.decode(record.value ?? Buffer.alloc(0)))
        .filter((event) => event.applicationRef === applicationRef);
      return events.some((event) => event.status === ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED) ? events : undefined;
    });
    // Every status of the case names where the residence document is collected, the permit-issued one included.
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    for (const event of statuses) expect(event.collectionPoint).toBe('in-amsterdam');
  });

  it('leak 2: the filing answer is a receipt, without the applicant pseudonym or evidence hashes', async () => {
    const office = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'university-leiden');
    const pushed = await call(office.pushEvidenceBatch({ items: proofs(1) }));
    expect(pushed.results.map((result) => result.outcome)).toEqual([PushOutcome.PUSH_OUTCOME_ACCEPTED, PushOutcome.PUSH_OUTCOME_ACCEPTED]);

    const response = await call(intakeAs('university-leiden').fileApplication(filing('FA-LEI-1', passport(1))));
    // The deprecated field is never set (the gRPC client decodes an absent message as null).
    expect(response.application ?? undefined).toBeUndefined();
    expect(response.receipt).toMatchObject({
      sponsorReference: 'FA-LEI-1',
      category: PermitCategory.PERMIT_CATEGORY_STUDENT,
      status: ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED,
    });

    // The IND itself sees what the case rests on: the applicant's pseudonym and the commitments to the evidence.
    const { application } = await call(intakeAs('ind').getApplication({ applicationRef: response.receipt?.applicationRef ?? '' }));
    const pseudonym = application?.subject?.pseudonym ?? '';
    const hashes = (application?.decisions ?? []).flatMap((decision) => decision.evidenceUsed.map((used) => used.contentCommitment));
    expect(pseudonym).not.toBe('');
    expect(hashes.length).toBeGreaterThanOrEqual(2);
    expect(hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);

    // None of it is in what the filer got back.
    const answered = JSON.stringify(response);
    expect(answered).not.toContain(pseudonym);
    for (const hash of hashes) expect(answered).not.toContain(hash);

    // Filing the same reference again answers with the same receipt, still without them.
    const again = await call(intakeAs('university-leiden').fileApplication(filing('FA-LEI-1', passport(1))));
    expect(again.alreadyFiled).toBe(true);
    expect(again.receipt?.applicationRef).toBe(response.receipt?.applicationRef);
    expect(JSON.stringify(again)).not.toContain(pseudonym);
  });

  it('an employer is a sponsor party: outside its register part it is refused by a decision, not denied the intake', async () => {
    // Voorbeeld Logistiek holds the EMPLOYER role but no recognition: it may file, and the register refuses.
    const { receipt } = await call(intakeAs('employer-voorbeeld-logistiek').fileApplication(filing('VL-1', passport(2))));
    expect(receipt?.status).toBe(ApplicationStatus.APPLICATION_STATUS_REFUSED);
    expect(receipt?.reasonCode).toBe('SPONSOR_NOT_RECOGNISED');
    const { application } = await call(intakeAs('ind').getApplication({ applicationRef: receipt?.applicationRef ?? '' }));
    // Refused for the sponsor without anyone looking the person up.
    expect(application?.subject?.pseudonym ?? '').toBe('');
    expect(application?.evidenceWaits).toEqual([]);
  });
});
