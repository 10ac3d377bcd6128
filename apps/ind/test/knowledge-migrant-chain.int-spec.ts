import { APPLICATION_INTAKE_CONTRACT, EVIDENCE_EXCHANGE_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { WageThresholdCategory } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
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
import { call, callError, type Chain, type PartyKey, startChain, until } from './chain-harness';

jest.setTimeout(180_000);

const S = ApplicationStatus;
const TABLE_VERSION = 'salary-thresholds.v1';

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
 * the reference date. UWV's part is played here by a client with UWV's certificate issuing over the hub's gRPC,
 * as UWV's connector would.
 */
describe('knowledge migrants from the employer through the hub to the IND', () => {
  let chain: Chain;
  const intakeAs = (party: PartyKey): ApplicationIntakeServiceClient =>
    chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, party);
  const application = async (ref: string): Promise<Application | undefined> =>
    (await call(intakeAs('ind').getApplication({ applicationRef: ref }))).application;

  async function uwvAnswers(
    n: number,
    category: WageThresholdCategory,
    meetsThreshold: boolean,
    referenceDate: string,
  ): Promise<{ completed: number; evidenceId: string }> {
    const hub = chain.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, chain.hub, 'uwv');
    const issued = await call(
      hub.issueEvidence({
        evidence: {
          subject: passport(n),
          evidenceType: EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD,
          payload: {
            wageMeetsThreshold: { meetsThreshold, category, thresholdReferenceDate: referenceDate, thresholdTableVersion: TABLE_VERSION },
          },
          issuedAt: undefined,
          validUntil: undefined,
          sourceReference: `uwv-wage-${n}`,
          subUnit: '',
        },
      }),
    );
    return { completed: issued.completedRequests, evidenceId: issued.reference?.evidenceId ?? '' };
  }

  beforeAll(async () => {
    chain = await startChain({ label: 'knowledge-migrants' });
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
    expect(
      open.requests
        .filter((request) => request.evidenceType === EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD)
        .map((r) => r.subjectIdentifier?.passport),
    ).toEqual([passport(1).passport]);

    const wage = await uwvAnswers(
      1,
      WageThresholdCategory.WAGE_THRESHOLD_CATEGORY_HIGHLY_SKILLED_30_AND_OLDER,
      true,
      receipt?.submittedOn ?? '',
    );
    expect(wage.completed).toBe(1);
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

    // After the grant the salary drops: UWV revokes its wage fact and the employer reports the change (duty to notify).
    const hub = chain.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, chain.hub, 'uwv');
    const revoked = await call(hub.revokeEvidence({ evidenceId: wage.evidenceId, reason: 'salary below the criterion (employer report)' }));
    await chain.publishAs('employer-voorbeeld-tech', TOPICS.sponsorNotification, {
      notificationId: randomUUID(),
      applicationRef: ref,
      subject: decided.subject,
      change: SponsorChange.SPONSOR_CHANGE_SALARY_BELOW_CRITERION,
      factDate: receipt?.submittedOn ?? '',
      reportedOn: receipt?.submittedOn ?? '',
      revokedEvidence: revoked.reference ? [revoked.reference] : [],
      sponsorReference: 'VT-HSM-1',
    });
    const reviewed = await until('the salary-drop notification', async () => {
      const current = await application(ref);
      return current?.notifications.length ? current : undefined;
    });
    expect(reviewed.notifications.map((n) => [n.change, n.effect, n.reportedLate])).toEqual([
      [SponsorChange.SPONSOR_CHANGE_SALARY_BELOW_CRITERION, NotificationEffect.NOTIFICATION_EFFECT_PERMIT_REVIEW_REQUIRED, false],
    ]);
    // Asked again, the hub refuses the revoked wage fact: it is never relied on again.
    const ind = chain.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, chain.hub, 'ind');
    const error = await callError(
      ind.requestEvidence({
        subject: passport(1),
        evidenceType: EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD,
        purpose: 'ADMISSION_HIGHLY_SKILLED_MIGRANT',
        legalBasis: 'Vw 2000 art. 24a',
        explicitRequestByPerson: false,
        subUnit: '',
        responseTimeout: undefined,
        evidenceId: '',
        sourceOin: '',
      }),
    );
    expect(error.reason).toBe('EVIDENCE_REVOKED');
  });

  it('refuses an HSM under 30 whose salary is below the criterion, naming the criterion amount', async () => {
    const { receipt } = await call(
      intakeAs('employer-voorbeeld-tech').fileApplication(
        knowledgeMigrantFiling('VT-HSM-2', 2, PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, '2000-07-01'),
      ),
    );
    await uwvAnswers(2, WageThresholdCategory.WAGE_THRESHOLD_CATEGORY_HIGHLY_SKILLED_UNDER_30, false, receipt?.submittedOn ?? '');
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

    await uwvAnswers(4, WageThresholdCategory.WAGE_THRESHOLD_CATEGORY_EU_BLUE_CARD, true, unrecognised.receipt?.submittedOn ?? '');
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
    await uwvAnswers(6, WageThresholdCategory.WAGE_THRESHOLD_CATEGORY_EU_BLUE_CARD, true, receipt?.submittedOn ?? '');
    const refused = await until('the refusal', async () => {
      const current = await application(receipt?.applicationRef ?? '');
      return current?.status === S.APPLICATION_STATUS_REFUSED ? current : undefined;
    });
    expect(refused.reasonCode).toBe('CONTRACT_TOO_SHORT');
  });
});
