import { status } from '@grpc/grpc-js';
import { APPLICATION_INTAKE_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import { CompletionKind, StudyLevel } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import {
  type ApplicationIntakeServiceClient,
  FamilyRelation,
  type FileApplicationRequest,
} from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { type InternationalOfficeServiceClient, PushOutcome } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { call, callError, type Chain, type PartyKey, startChain, until } from './chain-harness';

jest.setTimeout(240_000);

const run = Math.floor(Math.random() * 1_000_000);
const passport = (n: number) => ({ passport: { number: `SF${String(run + n).padStart(7, '0')}`, issuingCountry: 'US' } });

function filing(n: number, category: PermitCategory, change: Partial<FileApplicationRequest> = {}): FileApplicationRequest {
  return {
    sponsorReference: `SF-${run}-${n}`,
    category,
    applicant: passport(n),
    citizenship: 'US',
    intendedStayFrom: '2027-01-01',
    intendedStayUntil: '2027-12-31',
    knowledgeMigrant: undefined,
    collectionPoint: '',
    arrival: undefined,
    familyMember: undefined,
    ...change,
  };
}

/**
 * Issue 15 at the IND's intake over real mTLS, Kafka and PostgreSQL: who carries an applicant's own filing, the
 * family member's link to a main application, and a graduate's orientation year waiting at the university that
 * awarded the degree.
 */
describe('self-applicants and family members at the IND intake', () => {
  let chain: Chain;
  const intakeAs = (party: PartyKey): ApplicationIntakeServiceClient =>
    chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, party);

  beforeAll(async () => {
    chain = await startChain({ label: 'self-applicants' });
  });

  afterAll(async () => {
    await chain?.stop();
  });

  it('refuses an applicant’s own filing from a party that is no filing channel, and registers nothing', async () => {
    for (const [party, category] of [
      ['employer-voorbeeld-tech', PermitCategory.PERMIT_CATEGORY_START_UP],
      ['eu-reporting', PermitCategory.PERMIT_CATEGORY_ORIENTATION_YEAR],
    ] as const) {
      const error = await callError(intakeAs(party).fileApplication(filing(1, category)));
      expect([error.code, error.reason]).toEqual([status.PERMISSION_DENIED, 'NOT_A_FILING_CHANNEL']);
    }
    const { applications } = await call(intakeAs('ind').listApplications({ pageSize: 500, pageToken: '' }));
    expect(applications.filter((application) => application.sponsorReference === `SF-${run}-1`)).toEqual([]);
  });

  it('keeps the sponsor rule for the family of a sponsored main applicant: eu-reporting is NOT_A_SPONSOR', async () => {
    const familyMember = {
      mainApplicationRef: '0b7c5a8e-2f4d-4c1a-9e3b-7d6f5a4c3b21',
      relation: FamilyRelation.FAMILY_RELATION_PARTNER,
      birthDate: '1990-01-01',
    };
    const error = await callError(
      intakeAs('eu-reporting').fileApplication(filing(2, PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER, { familyMember })),
    );
    expect([error.code, error.reason]).toEqual([status.PERMISSION_DENIED, 'NOT_A_SPONSOR']);
  });

  it('names the family_member field when a family member is filed without its main application', async () => {
    const error = await callError(
      intakeAs('employer-voorbeeld-tech').fileApplication(filing(3, PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER)),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.fieldViolations.map((violation) => violation.field)).toEqual(['family_member']);
  });

  it('refuses a family member linked to another party’s application, or to a family member, as a field violation', async () => {
    // Leiden's own researcher application: a real main application, but not the employer's.
    const researcher = await call(intakeAs('university-leiden').fileApplication(filing(4, PermitCategory.PERMIT_CATEGORY_RESEARCHER)));
    const mainRef = researcher.receipt?.applicationRef ?? '';
    const link = { mainApplicationRef: mainRef, relation: FamilyRelation.FAMILY_RELATION_PARTNER, birthDate: '1990-01-01' };
    const foreign = await callError(
      intakeAs('employer-voorbeeld-tech').fileApplication(filing(5, PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER, { familyMember: link })),
    );
    expect(foreign.code).toBe(status.INVALID_ARGUMENT);
    expect(foreign.fieldViolations).toEqual([
      { field: 'family_member.main_application_ref', description: 'is not an application you filed' },
    ]);

    // Leiden files the researcher's partner (a researcher sponsors his own family, which Leiden files with him).
    const partner = await call(
      intakeAs('university-leiden').fileApplication(filing(6, PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER, { familyMember: link })),
    );
    const onMember = await callError(
      intakeAs('university-leiden').fileApplication(
        filing(7, PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER, {
          familyMember: { ...link, mainApplicationRef: partner.receipt?.applicationRef ?? '' },
        }),
      ),
    );
    expect(onMember.fieldViolations.map((violation) => violation.field)).toEqual(['family_member.main_application_ref']);
  });

  it('lets a graduate’s orientation year wait at the university that awarded the degree, and decides it on the push', async () => {
    const { receipt } = await call(
      intakeAs('university-leiden').fileApplication(filing(8, PermitCategory.PERMIT_CATEGORY_ORIENTATION_YEAR)),
    );
    const applicationRef = receipt?.applicationRef ?? '';
    const waiting = await until('the case waits for the degree', async () => {
      const { application } = await call(intakeAs('ind').getApplication({ applicationRef }));
      return application?.status === ApplicationStatus.APPLICATION_STATUS_EVIDENCE_PENDING ? application : undefined;
    });
    expect(waiting.reasonCode).toBe('COMPLETION_EVIDENCE_MISSING');

    const office = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'university-leiden');
    const pushed = await call(
      office.pushEvidence({
        item: {
          itemReference: `sf-diploma-${run}`,
          subject: passport(8),
          degreeAwarded: {
            institutionName: 'Universiteit Leiden',
            institutionBrin: '21PB',
            programmeName: 'MSc Physics',
            programmeCode: '60301',
            studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
            completionKind: CompletionKind.COMPLETION_KIND_DUTCH_MASTER,
            completedOn: '2026-07-15',
            programmeMonths: 24,
          },
          issuedAt: undefined,
          validUntil: undefined,
        },
      }),
    );
    // The IND's request was routed to Leiden alone, and Leiden's push completed it.
    expect([pushed.result?.outcome, pushed.result?.completedRequests]).toEqual([PushOutcome.PUSH_OUTCOME_ACCEPTED, 1]);
    const decided = await until('the orientation year is decided', async () => {
      const { application } = await call(intakeAs('ind').getApplication({ applicationRef }));
      return application?.status === ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED ? application : undefined;
    });
    expect(decided.history.map((entry) => entry.status)).toEqual([
      ApplicationStatus.APPLICATION_STATUS_SUBMITTED,
      ApplicationStatus.APPLICATION_STATUS_EVIDENCE_PENDING,
      ApplicationStatus.APPLICATION_STATUS_GRANTED,
      ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED,
    ]);
  });
});
