import { APPLICATION_INTAKE_CONTRACT, EVIDENCE_EXCHANGE_CONTRACT, WAGE_DECLARATION_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import {
  type Application,
  type ApplicationIntakeServiceClient,
  NotificationEffect,
} from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { SalaryReferenceSituation } from '@welkom/contracts/generated/welkom/ind/v1/knowledge_migrant';
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@welkom/events';
import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import type { WageDeclarationServiceClient } from '@welkom/contracts/generated/welkom/uwv/v1/wage_declarations';
import { call, callError, type Chain, type PartyKey, startChain, until } from './chain-harness';

jest.setTimeout(180_000);

const S = ApplicationStatus;
const TABLE_VERSION = 'salary-thresholds.v1';
const VOORBEELD_TECH = '00000003612345670000';

function passport(n: number) {
  return { passport: { number: `KM${String(n).padStart(7, '0')}`, issuingCountry: 'US' } };
}

function knowledgeMigrantFiling(reference: string, n: number, category: PermitCategory, birthDate: string, contractMonths = 36) {
  return {
    sponsorReference: reference,
    category,
    applicant: passport(n),
    // Exempt from the MVV (DOMAIN.md §2.6): the permit follows the grant without the consular leg.
    citizenship: 'US',
    intendedStayFrom: '2027-02-01',
    intendedStayUntil: '2030-01-31',
    collectionPoint: '',
    arrival: undefined,
    familyMember: undefined,
    knowledgeMigrant: {
      situation: SalaryReferenceSituation.SALARY_REFERENCE_SITUATION_FIRST_APPLICATION,
      newContractStartsOn: '',
      birthDate,
      degreeObtainedOn: '2012-06-30',
      afterOrientationYear: false,
      firstHsmPermitAndEmployerChangesBefore30: false,
      researcher: false,
      contractMonths,
      relevantExperienceYears: 0,
      ictProfession: false,
      ictExperienceYearsWithinWindow: 0,
    },
  };
}

/**
 * Highly skilled migrants and the EU Blue Card through the chain (issue 13): an employer files at the IND with
 * its own certificate, the IND asks the hub for UWV's derived wage fact, and decides on the income criterion of
 * the reference date. UWV runs as a process: the employer's payroll declares the wage there, and UWV answers the
 * hub's request with the derived yes/no for the question the IND put (criterion, reference date, table version).
 */
describe('knowledge migrants from the employer through the hub to the IND', () => {
  let chain: Chain;
  const intakeAs = (party: PartyKey): ApplicationIntakeServiceClient =>
    chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, party);
  const application = async (ref: string): Promise<Application | undefined> =>
    (await call(intakeAs('ind').getApplication({ applicationRef: ref }))).application;

  /** The employer's payroll declares the applicant's guaranteed gross monthly salary at UWV (never to the IND). */
  async function employerDeclares(employer: PartyKey, n: number, euros: number, periodStart = '2026-01-01', reference = `pay-${n}`) {
    const uwv = chain.uwv;
    if (!uwv) throw new Error('the chain runs without UWV');
    const answer = await call(
      chain.client<WageDeclarationServiceClient>(WAGE_DECLARATION_CONTRACT, uwv, employer).importWageDeclarations({
        declarations: [
          {
            declarationReference: reference,
            employee: passport(n),
            periodStart,
            guaranteedGrossMonthlySalaryCents: String(euros * 100),
            employmentEndedOn: '',
          },
        ],
      }),
    );
    expect(answer).toEqual({ imported: 1, alreadyImported: 0 });
  }

  beforeAll(async () => {
    chain = await startChain({ label: 'knowledge-migrants', uwv: {} });
  });

  afterAll(async () => {
    await chain?.stop();
  });

  it('grants an HSM of 30 and over once UWV says the salary meets the criterion, and records what it rested on', async () => {
    const { receipt } = await call(
      intakeAs('employer-voorbeeld-tech').fileApplication(
        knowledgeMigrantFiling('VT-HSM-1', 1, PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, '1988-03-15'),
      ),
    );
    expect(receipt?.status).toBe(S.APPLICATION_STATUS_EVIDENCE_PENDING);
    const ref = receipt?.applicationRef ?? '';
    // The IND routed its request to UWV, the one source of the wage fact: UWV's connector finds it there.
    const open = await call(
      chain.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, chain.hub, 'uwv').listOpenEvidenceRequests({ pageSize: 500 }),
    );
    // UWV holds no declaration yet, so the request waits, with the IND's question for UWV on it.
    expect(
      open.requests
        .filter((request) => request.evidenceType === EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD)
        .map((r) => [r.subjectIdentifier?.passport, r.question]),
    ).toEqual([
      [
        passport(1).passport,
        { criterion: 'HSM_30_AND_OVER', referenceDate: receipt?.submittedOn, tableVersion: TABLE_VERSION, employerOin: VOORBEELD_TECH },
      ],
    ]);

    // A wage another employer pays (a newer declaration, well above the criterion) does not carry the sponsor's
    // application: UWV answers on the declarations of the sponsor the IND named, so the request keeps waiting.
    await employerDeclares('employer-voorbeeld-chips', 1, 9000, '2026-06-01', 'chips-pay-1');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await application(ref))?.status).toBe(S.APPLICATION_STATUS_EVIDENCE_PENDING);

    await employerDeclares('employer-voorbeeld-tech', 1, 6000);
    const decided = await until('the HSM decision', async () => {
      const current = await application(ref);
      return current?.status === S.APPLICATION_STATUS_PERMIT_ISSUED ? current : undefined;
    });
    const grant = decided.decisions.find((decision) => decision.resultingStatus === S.APPLICATION_STATUS_GRANTED);
    expect(grant?.salaryAssessment).toEqual({
      category: PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT,
      criterion: 'HSM_30_AND_OVER',
      criterionAmountEur: 5942,
      referenceDate: receipt?.submittedOn,
      thresholdTableVersion: TABLE_VERSION,
    });
    expect(grant?.ruleVersion).toBe(TABLE_VERSION);
    expect(grant?.evidenceUsed.map((used) => used.evidenceType)).toEqual([EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD]);

    const wage = grant?.evidenceUsed[0];

    // After the grant the salary drops: the payroll declares it at UWV, UWV revokes its wage fact, and the employer
    // reports the change to the IND (duty to notify).
    await employerDeclares('employer-voorbeeld-tech', 1, 5000, '2027-03-01', 'pay-1-drop');
    const ind = chain.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, chain.hub, 'ind');
    const askAgain = () =>
      ind.requestEvidence({
        subject: passport(1),
        evidenceType: EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD,
        purpose: 'ADMISSION_HIGHLY_SKILLED_MIGRANT',
        legalBasis: 'Vw 2000 art. 24a',
        explicitRequestByPerson: false,
        subUnit: '',
        responseTimeout: undefined,
        evidenceId: wage?.evidenceId ?? '',
        sourceOin: '',
        question: undefined,
      });
    // Asked again, the hub refuses the revoked wage fact: it is never relied on again.
    await until('UWV revokes the wage fact', async () => ((await callError(askAgain())).reason === 'EVIDENCE_REVOKED' ? true : undefined));
    await chain.publishAs('employer-voorbeeld-tech', TOPICS.sponsorNotification, {
      notificationId: randomUUID(),
      applicationRef: ref,
      subject: decided.subject,
      change: SponsorChange.SPONSOR_CHANGE_SALARY_BELOW_CRITERION,
      factDate: receipt?.submittedOn ?? '',
      reportedOn: receipt?.submittedOn ?? '',
      revokedEvidence: wage ? [wage] : [],
      sponsorReference: 'VT-HSM-1',
    });
    const reviewed = await until('the salary-drop notification', async () => {
      const current = await application(ref);
      return current?.notifications.length ? current : undefined;
    });
    expect(reviewed.notifications.map((n) => [n.change, n.effect, n.reportedLate])).toEqual([
      [SponsorChange.SPONSOR_CHANGE_SALARY_BELOW_CRITERION, NotificationEffect.NOTIFICATION_EFFECT_PERMIT_REVIEW_REQUIRED, false],
    ]);
    expect((await callError(askAgain())).reason).toBe('EVIDENCE_REVOKED');
  });

  it('refuses an HSM under 30 whose salary is below the criterion, naming the criterion amount', async () => {
    const { receipt } = await call(
      intakeAs('employer-voorbeeld-tech').fileApplication(
        knowledgeMigrantFiling('VT-HSM-2', 2, PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, '2000-07-01'),
      ),
    );
    // € 4,000 is below the under-30 amount of 2026 (€ 4,357): UWV says no, without the IND ever seeing the salary.
    await employerDeclares('employer-voorbeeld-tech', 2, 4000);
    const refused = await until('the refusal', async () => {
      const current = await application(receipt?.applicationRef ?? '');
      return current?.status === S.APPLICATION_STATUS_REFUSED ? current : undefined;
    });
    expect(refused.reasonCode).toBe('SALARY_BELOW_CRITERION');
    expect(refused.decisions[0]?.salaryAssessment).toMatchObject({ criterion: 'HSM_UNDER_30', criterionAmountEur: 4357 });
  });

  it('refuses an HSM filed by an employer that is not a recognised sponsor, without looking the person up', async () => {
    const { receipt } = await call(
      intakeAs('employer-voorbeeld-logistiek').fileApplication(
        knowledgeMigrantFiling('VL-HSM-1', 3, PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, '1985-01-01'),
      ),
    );
    expect([receipt?.status, receipt?.reasonCode]).toEqual([S.APPLICATION_STATUS_REFUSED, 'SPONSOR_NOT_RECOGNISED']);
    const refused = await application(receipt?.applicationRef ?? '');
    expect(refused?.evidenceWaits).toEqual([]);
    expect(refused?.subject?.pseudonym ?? '').toBe('');
  });

  it('decides a Blue Card from an employer that is not recognised, on the 90-day period instead of 30', async () => {
    const unrecognised = await call(
      intakeAs('employer-voorbeeld-logistiek').fileApplication(
        knowledgeMigrantFiling('VL-BC-1', 4, PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD, '1990-01-01', 12),
      ),
    );
    const recognised = await call(
      intakeAs('employer-voorbeeld-tech').fileApplication(
        knowledgeMigrantFiling('VT-BC-1', 5, PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD, '1990-01-01', 12),
      ),
    );
    const statutoryDays = (deadlines: { kind: string; periodDays: number }[] | undefined) =>
      deadlines?.find((line) => line.kind === 'DEADLINE_KIND_STATUTORY_DECISION')?.periodDays;
    expect(statutoryDays(unrecognised.receipt?.deadlines)).toBe(90);
    expect(statutoryDays(recognised.receipt?.deadlines)).toBe(30);

    await employerDeclares('employer-voorbeeld-logistiek', 4, 6000);
    const granted = await until('the Blue Card grant', async () => {
      const current = await application(unrecognised.receipt?.applicationRef ?? '');
      return current?.status === S.APPLICATION_STATUS_PERMIT_ISSUED ? current : undefined;
    });
    const grant = granted.decisions.find((decision) => decision.resultingStatus === S.APPLICATION_STATUS_GRANTED);
    expect(grant?.salaryAssessment).toMatchObject({ criterion: 'BLUE_CARD_STANDARD', criterionAmountEur: 5942 });
  });

  it('refuses a Blue Card with a contract shorter than 6 months', async () => {
    const { receipt } = await call(
      intakeAs('employer-voorbeeld-tech').fileApplication(
        knowledgeMigrantFiling('VT-BC-2', 6, PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD, '1990-01-01', 5),
      ),
    );
    await employerDeclares('employer-voorbeeld-tech', 6, 6000);
    const refused = await until('the refusal', async () => {
      const current = await application(receipt?.applicationRef ?? '');
      return current?.status === S.APPLICATION_STATUS_REFUSED ? current : undefined;
    });
    expect(refused.reasonCode).toBe('CONTRACT_TOO_SHORT');
  });

  it('UWV takes wage declarations only from employers, each kept once, and refuses a bad batch whole', async () => {
    const uwv = chain.uwv;
    if (!uwv) throw new Error('the chain runs without UWV');
    const declarationsAs = (party: PartyKey) => chain.client<WageDeclarationServiceClient>(WAGE_DECLARATION_CONTRACT, uwv, party);
    const line = {
      declarationReference: 'pay-90',
      employee: passport(90),
      periodStart: '2026-01-01',
      guaranteedGrossMonthlySalaryCents: '600000',
      employmentEndedOn: '',
    };

    // The IND (or any party without the EMPLOYER role) cannot put a wage into UWV's administration.
    const notEmployer = await callError(declarationsAs('ind').importWageDeclarations({ declarations: [line] }));
    expect([notEmployer.code, notEmployer.reason]).toEqual([7, 'NOT_AN_EMPLOYER']);

    const bad = await callError(
      declarationsAs('employer-voorbeeld-chips').importWageDeclarations({
        declarations: [
          line,
          { ...line, declarationReference: 'pay-91', periodStart: '2026-13-01', guaranteedGrossMonthlySalaryCents: '-5' },
        ],
      }),
    );
    expect(bad.code).toBe(3);
    expect(bad.fieldViolations.map((v) => v.field).sort()).toEqual([
      'declarations[1].guaranteed_gross_monthly_salary_cents',
      'declarations[1].period_start',
    ]);

    expect(await call(declarationsAs('employer-voorbeeld-chips').importWageDeclarations({ declarations: [line] }))).toEqual({
      imported: 1,
      alreadyImported: 0,
    });
    // Sent again (a retried batch): kept once. Another employer's same reference is its own declaration.
    expect(await call(declarationsAs('employer-voorbeeld-chips').importWageDeclarations({ declarations: [line] }))).toEqual({
      imported: 0,
      alreadyImported: 1,
    });
    expect(await call(declarationsAs('employer-voorbeeld-tech').importWageDeclarations({ declarations: [line] }))).toEqual({
      imported: 1,
      alreadyImported: 0,
    });
  });
});
