import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { firstValueFrom, type Observable } from 'rxjs';
import { AUDIT_CONTRACT, EVIDENCE_EXCHANGE_CONTRACT, FACILITATOR_REGISTER_CONTRACT, START_UP_ADVICE_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { StartUpAdviceReason, StartUpAssessmentOutcome } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { AuditServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import {
  type AdviseEssentialEmployeeRequest,
  type AssessStartUpRequest,
  type FacilitatorRegisterServiceClient,
  EssentialEmployeeAdviceOutcome,
  type ScoreSelfEmployedRequest,
  SelfEmployedAdviceOutcome,
  StartUpAdviceOutcome,
  type StartUpAdviceServiceClient,
} from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { type DecodedGrpcError, decodeGrpcError } from '@welkom/grpc';
import { serviceRun, type ServiceUnderTest, startUpAssessment } from '@welkom/testing';

jest.setTimeout(180_000);

const REPO_ROOT = join(__dirname, '..', '..', '..');
const RVO_OIN = '00000001823456780000';

const run = serviceRun('rvo_start_up');

async function callError(observable: Observable<unknown>): Promise<DecodedGrpcError> {
  try {
    await firstValueFrom(observable);
  } catch (error) {
    return decodeGrpcError(error as Parameters<typeof decodeGrpcError>[0]);
  }
  throw new Error('expected the call to fail');
}

/** A valid BSN (passes the 11-check), different for every seed. */
function testBsn(seed: number): string {
  for (let n = seed * 10; ; n += 1) {
    const digits = String(n % 100_000_000).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i += 1) sum += (9 - i) * Number(digits[i]);
    const check = sum % 11;
    if (check < 10 && digits !== '00000000') return digits + String(check);
  }
}

const seedBase = Math.floor(Math.random() * 1_000_000);

function founderRequest(adviceReference: string, bsn: string, change: Partial<AssessStartUpRequest> = {}): AssessStartUpRequest {
  return {
    ...startUpAssessment({ adviceReference, founder: { bsn }, assessedOn: '2026-03-02', interestInStartUpBasisPoints: 1_000 }),
    ...change,
  };
}

function employeeRequest(
  adviceReference: string,
  startUpKvkNumber: string,
  change: Partial<AdviseEssentialEmployeeRequest> = {},
): AdviseEssentialEmployeeRequest {
  return {
    adviceReference,
    startUpKvkNumber,
    receivedOn: '2025-03-03',
    innovation: { newToTheNetherlands: true, newTechnology: false, newOrganisationalApproach: false },
    employeesBeforeHire: 8,
    participationBasisPoints: 150,
    employmentStartsOn: '2025-04-01',
    participationObtainedOn: '2026-04-01',
    ...change,
  };
}

describe('RVO start-up advice over real mTLS gRPC, the hub and PostgreSQL', () => {
  let hub: ServiceUnderTest;
  let rvo: ServiceUnderTest;
  const advice = (party = 'rvo') => rvo.client<StartUpAdviceServiceClient>(START_UP_ADVICE_CONTRACT, party);
  const evidence = (party: string) => hub.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, party);

  beforeAll(async () => {
    hub = await run.start({
      app: 'hub',
      party: 'hub',
      env: {
        PARTY_SEED_FILE: join(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json'),
        GRANT_SEED_FILE: join(REPO_ROOT, 'deploy', 'hub', 'dev-grants.v1.json'),
        SUBJECT_PSEUDONYM_SECRET: 'integration-test-secret-0123456789abcdef',
      },
    });
    rvo = await run.start({ app: 'rvo', party: 'rvo', env: { HUB_GRPC_ADDRESS: hub.grpcAddress } });
  });

  afterAll(() => run.stop());

  it('advises positively on a founder with a sound facilitator, and the IND reads the advice once-only from the hub', async () => {
    const bsn = testBsn(seedBase + 1);
    const response = await firstValueFrom(advice().assessStartUp(founderRequest(`advice-positive-${seedBase}`, bsn)));
    expect(response).toMatchObject({
      outcome: StartUpAdviceOutcome.START_UP_ADVICE_OUTCOME_POSITIVE,
      reasons: [],
      innovationTestsMet: ['NEW_TECHNOLOGY'],
      ruleVersion: 'start-up-rules.v1',
      alreadyAssessed: false,
    });
    expect(response.evidence?.evidenceType).toBe(EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT);

    const answer = await firstValueFrom(
      evidence('ind').requestEvidence({
        subject: { bsn },
        evidenceType: EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT,
        purpose: 'ADMISSION_START_UP',
        legalBasis: 'Vw 2000 art. 24a',
        explicitRequestByPerson: false,
        subUnit: '',
        responseTimeout: undefined,
        evidenceId: '',
        sourceOin: '',
        question: undefined,
      }),
    );
    const disclosed = answer.evidence;
    expect(disclosed?.issuer?.oin).toBe(RVO_OIN);
    expect(disclosed?.reference?.evidenceId).toBe(response.evidence?.evidenceId);
    expect(disclosed?.payload?.startUpAssessment).toMatchObject({
      outcome: StartUpAssessmentOutcome.START_UP_ASSESSMENT_OUTCOME_POSITIVE,
      assessedOn: '2026-03-02',
      facilitatorName: 'YES!Delft',
      adviceReference: `advice-positive-${seedBase}`,
      reasons: [],
    });

    // The disclosure is on the audit trail, for the founder's own access log.
    const audit = hub.client<AuditServiceClient>(AUDIT_CONTRACT, 'operator.anna.devries');
    const { entries } = await firstValueFrom(audit.listSubjectAccess({ subject: { bsn }, pageSize: 0, pageToken: '', purpose: '' }));
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['EVIDENCE_DISCLOSED']));
    expect(entries.find((entry) => entry.action === 'EVIDENCE_DISCLOSED')).toMatchObject({
      evidenceType: EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT,
      purpose: 'ADMISSION_START_UP',
    });
  });

  it('advises negatively when the facilitator holds a majority interest, with that ground on the evidence', async () => {
    const bsn = testBsn(seedBase + 2);
    const request = founderRequest(`advice-majority-${seedBase}`, bsn);
    const facilitator = request.facilitator && { ...request.facilitator, interestInStartUpBasisPoints: 5_100 };
    const response = await firstValueFrom(advice().assessStartUp({ ...request, facilitator }));
    expect(response.outcome).toBe(StartUpAdviceOutcome.START_UP_ADVICE_OUTCOME_NEGATIVE);
    expect(response.reasons).toEqual([StartUpAdviceReason.START_UP_ADVICE_REASON_FACILITATOR_MAJORITY_INTEREST]);

    const answer = await firstValueFrom(
      evidence('ind').requestEvidence({
        subject: { bsn },
        evidenceType: EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT,
        purpose: 'ADMISSION_START_UP',
        legalBasis: 'Vw 2000 art. 24a',
        explicitRequestByPerson: false,
        subUnit: '',
        responseTimeout: undefined,
        evidenceId: '',
        sourceOin: '',
        question: undefined,
      }),
    );
    expect(answer.evidence?.payload?.startUpAssessment).toMatchObject({
      outcome: StartUpAssessmentOutcome.START_UP_ASSESSMENT_OUTCOME_NEGATIVE,
      reasons: [StartUpAdviceReason.START_UP_ADVICE_REASON_FACILITATOR_MAJORITY_INTEREST],
    });
  });

  it('returns the stored advice when the same reference is assessed again, issuing nothing new', async () => {
    const bsn = testBsn(seedBase + 3);
    const request = founderRequest(`advice-again-${seedBase}`, bsn);
    const first = await firstValueFrom(advice().assessStartUp(request));
    const again = await firstValueFrom(advice().assessStartUp({ ...request, hasStepPlan: false }));
    expect(again.alreadyAssessed).toBe(true);
    expect(again.outcome).toBe(first.outcome);
    expect(again.evidence?.evidenceId).toBe(first.evidence?.evidenceId);
  });

  it('refuses invalid input with every field violation', async () => {
    const error = await callError(
      advice().assessStartUp(
        founderRequest('advice-invalid', testBsn(seedBase + 4), {
          assessedOn: '2026-02-30',
          founder: { kvkNumber: '12345678' },
          facilitator: { ...founderRequest('x', '').facilitator!, kvkNumber: '1234', interestInStartUpBasisPoints: 10_001 },
        }),
      ),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.fieldViolations.map((violation) => violation.field).sort()).toEqual([
      'assessed_on',
      'facilitator.interest_in_start_up_basis_points',
      'facilitator.kvk_number',
      'founder.kvk_number',
    ]);
  });

  it('refuses a start-up assessed before the start-up scheme came into force', async () => {
    const error = await callError(
      advice().assessStartUp(founderRequest(`advice-2014-${seedBase}`, testBsn(seedBase + 5), { assessedOn: '2014-12-31' })),
    );
    expect(error.code).toBe(status.FAILED_PRECONDITION);
    expect(error.reason).toBe('RULES_NOT_IN_FORCE');
  });

  it('lets only RVO’s own back office call it', async () => {
    const error = await callError(advice('ind').assessStartUp(founderRequest(`advice-ind-${seedBase}`, testBsn(seedBase + 6))));
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.reason).toBe('NOT_OWN_BACK_OFFICE');
  });

  describe('essential start-up personnel', () => {
    const { PENDING, NEGATIVE } = {
      PENDING: EssentialEmployeeAdviceOutcome.ESSENTIAL_EMPLOYEE_ADVICE_OUTCOME_PENDING,
      NEGATIVE: EssentialEmployeeAdviceOutcome.ESSENTIAL_EMPLOYEE_ADVICE_OUTCOME_NEGATIVE,
    };
    const startUp = String(10_000_000 + (seedBase % 89_999_999)).slice(0, 8);

    it('counts a start-up’s permits across advices and refuses the 6th; the salary rule waits on UWV’s wage evidence', async () => {
      const answers = [];
      for (let n = 1; n <= 6; n += 1) {
        answers.push(await firstValueFrom(advice().adviseEssentialEmployee(employeeRequest(`essential-${seedBase}-${n}`, startUp))));
      }
      expect(answers.slice(0, 5).map((a) => [a.outcome, a.reasonCodes, a.startUpPermitsCounted])).toEqual(
        [1, 2, 3, 4, 5].map((n) => [PENDING, ['WAGE_EVIDENCE_PENDING'], n]),
      );
      expect(answers[5]).toMatchObject({
        outcome: NEGATIVE,
        reasonCodes: ['PERMIT_CAP_REACHED'],
        startUpPermitsCounted: 5,
        ruleVersion: 'essential-start-up-personnel.v1',
        residenceSchemeUntil: '2026-06-01',
      });
      const again = await firstValueFrom(advice().adviseEssentialEmployee(employeeRequest(`essential-${seedBase}-1`, startUp)));
      expect(again).toMatchObject({ alreadyAdvised: true, outcome: PENDING, startUpPermitsCounted: 1 });
    });

    it('gives no more than 5 slots when six advices for one start-up arrive at once', async () => {
      const racing = String(Number(startUp) + 1).padStart(8, '0');
      const answers = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) => firstValueFrom(advice().adviseEssentialEmployee(employeeRequest(`race-${seedBase}-${n}`, racing)))),
      );
      expect(answers.filter((a) => a.outcome === PENDING)).toHaveLength(5);
      expect(answers.filter((a) => a.outcome === NEGATIVE).map((a) => a.reasonCodes)).toEqual([['PERMIT_CAP_REACHED']]);
    });

    it('refuses an application received after the pilot with PILOT_NOT_IN_FORCE', async () => {
      const late = await firstValueFrom(
        advice().adviseEssentialEmployee(employeeRequest(`essential-late-${seedBase}`, '87654321', { receivedOn: '2025-06-02' })),
      );
      expect(late).toMatchObject({ outcome: NEGATIVE, reasonCodes: ['PILOT_NOT_IN_FORCE'], startUpPermitsCounted: 0 });
    });
  });

  describe('self-employed points system', () => {
    const request = (adviceReference: string, change: Partial<ScoreSelfEmployedRequest> = {}): ScoreSelfEmployedRequest => ({
      adviceReference,
      applicant: { passport: { number: `SE${String(seedBase).padStart(6, '0')}${adviceReference.length % 10}`, issuingCountry: 'IN' } },
      scoredOn: '2026-04-01',
      nationality: 'IN',
      euLongTermResidentElsewhere: false,
      highlyEducated: true,
      completedStartUpTrajectoryMonths: 0,
      personalExperiencePoints: 45,
      businessPlanPoints: 45,
      addedValuePoints: 0,
      ...change,
    });

    it('scores a highly-educated applicant on the 45 + 45 variant, and keeps the first score of a reference', async () => {
      const first = await firstValueFrom(advice().scoreSelfEmployed(request(`score-${seedBase}`)));
      expect(first).toMatchObject({
        outcome: SelfEmployedAdviceOutcome.SELF_EMPLOYED_ADVICE_OUTCOME_POSITIVE,
        variant: 'HIGHLY_EDUCATED',
        totalPoints: 90,
        findings: [],
        ruleVersion: 'self-employed-points.v1',
        alreadyScored: false,
        // Issued to the hub about the applicant, as the IND will find it.
        evidence: { evidenceType: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT },
        applicant: { pseudonym: expect.stringMatching(/^subj_/) as string },
      });
      const again = await firstValueFrom(advice().scoreSelfEmployed(request(`score-${seedBase}`, { highlyEducated: false })));
      expect(again).toMatchObject({ alreadyScored: true, outcome: first.outcome, variant: 'HIGHLY_EDUCATED' });
    });

    it('scores the same points negatively for an applicant who is not highly educated, naming every ground', async () => {
      const answer = await firstValueFrom(advice().scoreSelfEmployed(request(`score-std-${seedBase}`, { highlyEducated: false })));
      expect(answer).toMatchObject({
        outcome: SelfEmployedAdviceOutcome.SELF_EMPLOYED_ADVICE_OUTCOME_NEGATIVE,
        variant: 'STANDARD',
        findings: ['PART_BELOW_MINIMUM:ADDED_VALUE'],
      });
    });

    it('does not score a Turkish national', async () => {
      const answer = await firstValueFrom(
        advice().scoreSelfEmployed(request(`score-tr-${seedBase}`, { nationality: 'TR', addedValuePoints: 0, highlyEducated: false })),
      );
      expect(answer).toMatchObject({
        outcome: SelfEmployedAdviceOutcome.SELF_EMPLOYED_ADVICE_OUTCOME_EXEMPT,
        exemptionRoute: 'TURKISH_NATIONAL',
        totalPoints: 0,
      });
    });

    it('refuses points above a part’s maximum as a field violation', async () => {
      const error = await callError(advice().scoreSelfEmployed(request(`score-max-${seedBase}`, { businessPlanPoints: 101 })));
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(error.fieldViolations.map((v) => v.field)).toEqual(['business_plan_points']);
    });
  });

  describe('facilitator register', () => {
    const register = (party = 'rvo') => rvo.client<FacilitatorRegisterServiceClient>(FACILITATOR_REGISTER_CONTRACT, party);
    const kvkNumber = String(20_000_000 + (seedBase % 9_999_999)).padStart(8, '0');
    const standing = {
      kvkNumber,
      name: 'Startup Facilitator BV',
      registeredInKvk: true,
      hasStartUpGuidanceExperience: true,
      bankrupt: false,
      negativeEquity: false,
    };

    it('records every change with who, when, why, before and after in an intact hash chain, and the assessment uses it', async () => {
      const added = await firstValueFrom(
        register().recordFacilitator({ facilitator: standing, operator: 'rvo-op-17', reason: 'new facilitator' }),
      );
      expect(added.change).toMatchObject({
        kvkNumber,
        changedByOin: RVO_OIN,
        operator: 'rvo-op-17',
        before: null,
        reason: 'new facilitator',
      });
      const unchanged = await firstValueFrom(
        register().recordFacilitator({ facilitator: standing, operator: 'rvo-op-17', reason: 'again' }),
      );
      expect(unchanged.change ?? undefined).toBeUndefined();
      const bankrupt = await firstValueFrom(
        register().recordFacilitator({ facilitator: { ...standing, bankrupt: true }, operator: 'rvo-op-4', reason: 'declared bankrupt' }),
      );
      expect(bankrupt.change).toMatchObject({ before: { bankrupt: false }, after: { bankrupt: true }, previousHash: added.change?.hash });

      const log = await firstValueFrom(register().listFacilitatorChanges({ kvkNumber }));
      expect(log.chainIntact).toBe(true);
      expect(log.changes.map((c) => [c.operator, c.reason])).toEqual([
        ['rvo-op-17', 'new facilitator'],
        ['rvo-op-4', 'declared bankrupt'],
      ]);

      // The request says the facilitator is sound; the register says bankrupt, and the register decides.
      const request = founderRequest(`advice-registered-${seedBase}`, testBsn(seedBase + 7));
      const facilitator = request.facilitator && { ...request.facilitator, kvkNumber };
      const answer = await firstValueFrom(advice().assessStartUp({ ...request, facilitator }));
      expect(answer.outcome).toBe(StartUpAdviceOutcome.START_UP_ADVICE_OUTCOME_NEGATIVE);
      expect(answer.reasons).toEqual([StartUpAdviceReason.START_UP_ADVICE_REASON_FACILITATOR_BANKRUPT]);
    });

    it('lets only RVO’s own back office change the register', async () => {
      const error = await callError(register('ind').recordFacilitator({ facilitator: standing, operator: 'x', reason: 'not mine' }));
      expect(error.code).toBe(status.PERMISSION_DENIED);
    });
  });
});
