import { randomBytes } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { APPLICATION_INTAKE_CONTRACT, GRANT_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { EnrolmentStatus, StudyLevel, TuitionPayment } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { GrantServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import type { ApplicationIntakeServiceClient } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type {
  EvidenceItem,
  FileApplicationRequest,
  InternationalOfficeServiceClient,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { PushOutcome } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { eventually, scanBackboneForIdentifiers, serviceRun, testKafka, type ServiceUnderTest } from '@welkom/testing';
import { leidenResearcherProof } from '../apps/ind/test/leiden-student';
import { startShippedSystem } from './shipped-system';

jest.setTimeout(240_000);

const S = ApplicationStatus;
/** Every run its own people, so the pseudonyms and events of this run are its own on the shared broker. */
const RUN = randomBytes(3).toString('hex').toUpperCase();

function passport(n: number): SubjectIdentifier {
  return { passport: { number: `SH${RUN}${n}`, issuingCountry: 'US' } };
}

function enrolment(n: number): EvidenceItem {
  return {
    itemReference: `shipped-enrolment-${n}`,
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
    },
    issuedAt: undefined,
    validUntil: undefined,
  };
}

function tuitionPaid(n: number): EvidenceItem {
  return {
    itemReference: `shipped-tuition-${n}`,
    subject: passport(n),
    tuitionPaymentStatus: { academicYear: '2026-2027', payment: TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL, paidUntilDate: '2027-08-31' },
    issuedAt: undefined,
    validUntil: undefined,
  };
}

function hostingAgreement(n: number): EvidenceItem {
  return leidenResearcherProof(`SHIPPED-${RUN}-${n}`, passport(n));
}

function filing(n: number, category: PermitCategory): FileApplicationRequest {
  return {
    applicationReference: `SHIPPED-${RUN}-${n}`,
    category,
    applicant: passport(n),
    // Exempt from the MVV (DOMAIN.md §2.6), so the case ends at the permit without the consular leg.
    citizenship: 'US',
    intendedStayFrom: '2026-09-01',
    intendedStayUntil: category === PermitCategory.PERMIT_CATEGORY_STUDENT ? '2028-08-31' : '2029-08-31',
  };
}

/**
 * Issue 11: under `npm start` a student case stayed EVIDENCE_PENDING (EVIDENCE_FIELD_NOT_DISCLOSED) because
 * the shipped IND enrolment grant withheld two fields the decision rules read and there was no tuition grant.
 * This spec runs every service of `npm start` from the very list the start script uses
 * (scripts/start-services.ts): the shipped parties, grants, catalogue and reference data, no grant created or
 * ended while it runs, the university finding the IND through the hub's connector directory as it does there.
 */
describe('the chain on the shipped development configuration, as npm start runs it', () => {
  const run = serviceRun('shipped');
  const services = new Map<string, ServiceUnderTest>();
  let office: InternationalOfficeServiceClient;
  let ind: ApplicationIntakeServiceClient;

  beforeAll(async () => {
    await startShippedSystem(run, services);
    office = run.client<InternationalOfficeServiceClient>(
      INTERNATIONAL_OFFICE_CONTRACT,
      services.get('university')?.grpcAddress ?? '',
      'university-leiden',
    );
    ind = run.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, services.get('ind')?.grpcAddress ?? '', 'ind');
  });

  afterAll(() => run.stop());

  /** The university's view of a filing once the IND has it, then the IND's case once it is at `status`. */
  async function caseAt(reference: string, status: ApplicationStatus) {
    const indRef = await eventually(async () => {
      const { application } = await firstValueFrom(office.getApplication({ applicationReference: reference }));
      return application?.indApplicationRef || undefined;
    }, 60_000);
    return eventually(async () => {
      const { application } = await firstValueFrom(ind.getApplication({ applicationRef: indRef }));
      return application?.status === status ? application : undefined;
    }, 90_000);
  }

  it('gives the IND, from the shipped grants alone, every field its study rules read and the tuition status', async () => {
    const grants = run.client<GrantServiceClient>(GRANT_CONTRACT, services.get('hub')?.grpcAddress ?? '', 'ind');
    const { grants: mine } = await firstValueFrom(grants.listMyGrants({}));
    const fieldsFor = (type: EvidenceType) =>
      mine.filter((grant) => grant.evidenceType === type && grant.purpose === 'ADMISSION_STUDY').map((grant) => grant.allowedFields);
    expect(fieldsFor(EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF)).toEqual([
      expect.arrayContaining(['enrolment_status', 'academic_year', 'start_date', 'expected_end_date', 'full_time']),
    ]);
    expect(fieldsFor(EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS)).toEqual([['academic_year', 'payment', 'paid_until_date']]);
  });

  it('decides a student whose proofs the university pushed first: granted, and the permit issued', async () => {
    const pushed = await firstValueFrom(office.pushEvidenceBatch({ items: [enrolment(1), tuitionPaid(1)] }));
    expect(pushed.results.map((result) => result.outcome)).toEqual([PushOutcome.PUSH_OUTCOME_ACCEPTED, PushOutcome.PUSH_OUTCOME_ACCEPTED]);
    await firstValueFrom(office.fileApplication(filing(1, PermitCategory.PERMIT_CATEGORY_STUDENT)));

    const decided = await caseAt(`SHIPPED-${RUN}-1`, S.APPLICATION_STATUS_PERMIT_ISSUED);
    expect(decided.history.map((entry) => entry.status)).toEqual([
      S.APPLICATION_STATUS_SUBMITTED,
      S.APPLICATION_STATUS_GRANTED,
      S.APPLICATION_STATUS_PERMIT_ISSUED,
    ]);
    expect([...new Set(decided.decisions.flatMap((decision) => decision.evidenceUsed.map((used) => used.evidenceType)))].sort()).toEqual(
      [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS].sort(),
    );
  });

  it('resumes a student case that waited for its proofs once the university pushes them', async () => {
    await firstValueFrom(office.fileApplication(filing(2, PermitCategory.PERMIT_CATEGORY_STUDENT)));
    await caseAt(`SHIPPED-${RUN}-2`, S.APPLICATION_STATUS_EVIDENCE_PENDING);
    await firstValueFrom(office.pushEvidenceBatch({ items: [enrolment(2), tuitionPaid(2)] }));

    const decided = await caseAt(`SHIPPED-${RUN}-2`, S.APPLICATION_STATUS_PERMIT_ISSUED);
    expect(decided.history.map((entry) => entry.status)).toEqual([
      S.APPLICATION_STATUS_SUBMITTED,
      S.APPLICATION_STATUS_EVIDENCE_PENDING,
      S.APPLICATION_STATUS_GRANTED,
      S.APPLICATION_STATUS_PERMIT_ISSUED,
    ]);
  });

  it('decides a researcher on the hosting agreement: granted, and the permit issued', async () => {
    await firstValueFrom(office.pushEvidenceBatch({ items: [hostingAgreement(3)] }));
    await firstValueFrom(office.fileApplication(filing(3, PermitCategory.PERMIT_CATEGORY_RESEARCHER)));

    const decided = await caseAt(`SHIPPED-${RUN}-3`, S.APPLICATION_STATUS_PERMIT_ISSUED);
    expect(decided.history.map((entry) => entry.status)).toEqual([
      S.APPLICATION_STATUS_SUBMITTED,
      S.APPLICATION_STATUS_GRANTED,
      S.APPLICATION_STATUS_PERMIT_ISSUED,
    ]);
  });

  it('leaves no passport number and no BSN-valid number on any topic or dead-letter topic (issue 11, leak 5)', async () => {
    const scan = await scanBackboneForIdentifiers(testKafka(run.infrastructure), [`SH${RUN}`]);
    expect(scan.records).toBeGreaterThan(0);
    expect(scan.found).toEqual([]);
  });

  it('lets the EU reporting feed count the decisions of the chain', async () => {
    const feed = services.get('eu-reporting');
    // At least this run's three decisions: other specs on the same broker may have published status events too.
    const status = await eventually(async () => {
      const response = await fetch(`${feed?.httpAddress}/feed/status`);
      const body = (await response.json()) as { applications: number; decided: number };
      return body.decided >= 3 ? body : undefined;
    }, 60_000);
    expect(status.applications).toBeGreaterThanOrEqual(3);
  });
});
