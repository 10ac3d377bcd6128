import { randomBytes, randomUUID } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import {
  APPLICATION_INTAKE_CONTRACT,
  AUDIT_CONTRACT,
  INTERNATIONAL_OFFICE_CONTRACT,
  START_UP_ADVICE_CONTRACT,
  WAGE_DECLARATION_CONTRACT,
} from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { CompletionKind, StartUpAdviceReason, StudyLevel } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { AuditServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import {
  type Application,
  type ApplicationIntakeServiceClient,
  DecisionKind,
  FamilyRelation,
  type FileApplicationRequest,
} from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, PermitCategory, SponsorType } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import {
  type AssessStartUpRequest,
  EssentialEmployeeAdviceOutcome,
  type ScoreSelfEmployedRequest,
  SelfEmployedAdviceOutcome,
  StartUpAdviceOutcome,
  type StartUpAdviceServiceClient,
} from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { RelocationReferral } from '@welkom/contracts/generated/welkom/rvo/v1/relocation';
import { type InternationalOfficeServiceClient, PushOutcome } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import type { WageDeclarationServiceClient } from '@welkom/contracts/generated/welkom/uwv/v1/wage_declarations';
import { decodeGrpcError } from '@welkom/grpc';
import { declaredTopicNames, TOPICS } from '@welkom/events';
import { createKafkaClient, readTopicToEnd } from '@welkom/messaging';
import {
  eventually,
  firstKnowledgeMigrantApplication,
  scanBackboneForIdentifiers,
  selfEmployedScore,
  serviceRun,
  type ServiceUnderTest,
  startUpAssessment,
  testKafka,
} from '@welkom/testing';
import { startShippedSystem } from './shipped-system';

jest.setTimeout(900_000);

const S = ApplicationStatus;
const C = PermitCategory;
const RUN = randomBytes(3).toString('hex').toUpperCase();
const EMPLOYER_OIN = '00000003612345670000';
/** The HSM's guaranteed salary: only the payroll and UWV know it; it must be on no topic. The 2026 criterion (30+) is 5,942. */
const SALARY_EUR = 6_817;
/** Every applicant here is a US national: exempt from the MVV, which the grant records (DOMAIN.md §2.6). */
const MVV_EXEMPT = 'MVV_EXEMPT_NATIONALITY_LISTED_NATIONALITY (mvv-exemptions.2026-1)';

const passport = (n: number): SubjectIdentifier => ({ passport: { number: `TC${RUN}${n}`, issuingCountry: 'US' } });
/** Self-employed applicants: Canadians are scored on points (and exempt from the MVV); a US national takes the DAFT route. */
const entrepreneur = (n: number, country: 'CA' | 'US'): SubjectIdentifier => ({
  passport: { number: `TS${RUN}${n}`, issuingCountry: country },
});
/** What RVO may share of a score (the hub's grant for ADMISSION_SELF_EMPLOYED): points and grounds, no business figures. */
const SCORE_FIELDS = [
  'outcome',
  'scored_on',
  'advice_reference',
  'variant',
  'exemption_route',
  'personal_experience_points',
  'business_plan_points',
  'added_value_points',
  'total_points',
  'reasons',
  'rule_version',
];

function scoring(
  n: number,
  country: 'CA' | 'US',
  [personalExperience, businessPlan, addedValue]: [number, number, number],
): ScoreSelfEmployedRequest {
  return selfEmployedScore({
    adviceReference: `TC-SCORE-${RUN}-${n}`,
    applicant: entrepreneur(n, country),
    nationality: country,
    points: { personalExperience, businessPlan, addedValue },
  });
}

function filing(n: number, category: PermitCategory, change: Partial<FileApplicationRequest> = {}): FileApplicationRequest {
  return {
    sponsorReference: `TC-${RUN}-${n}`,
    category,
    applicant: passport(n),
    // Exempt from the MVV (DOMAIN.md §2.6): the permit follows the grant without the consular leg.
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

function founder(n: number, interestBasisPoints: number): AssessStartUpRequest {
  return startUpAssessment({
    adviceReference: `TC-ADVICE-${RUN}-${n}`,
    founder: passport(n),
    assessedOn: '2026-11-02',
    interestInStartUpBasisPoints: interestBasisPoints,
  });
}

/**
 * Issue 15, "Done when": the IND's new categories end to end on the configuration `npm start` ships (every service
 * of scripts/start-services.ts: hub, IND, the university connector, RVO, UWV, EU reporting, consular posts), over
 * real Kafka, PostgreSQL and mTLS. A founder's own application reaches the IND through RVO's Point of Entry and a
 * graduate's through Leiden's international office (apps/ind/reference/filing-channels.v1.json); family members
 * are filed by the HSM's employer with the main application and decided with it.
 */
describe('the orientation year, start-ups and families through the chain, as npm start runs it', () => {
  const run = serviceRun('talent');
  const services = new Map<string, ServiceUnderTest>();
  const address = (name: string): string => services.get(name)?.grpcAddress ?? '';
  const intakeAs = (party: string) => run.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, address('ind'), party);
  const cases = new Map<string, Application>();

  beforeAll(async () => {
    await startShippedSystem(run, services);
  });

  afterAll(() => run.stop());

  async function caseAt(applicationRef: string, status: ApplicationStatus): Promise<Application> {
    const reached = await eventually(async () => {
      const { application } = await firstValueFrom(intakeAs('ind').getApplication({ applicationRef }));
      return application?.status === status ? application : undefined;
    }, 180_000);
    cases.set(applicationRef, reached);
    return reached;
  }

  const history = (application: Application) => application.history.map((entry) => entry.status);
  const applicationDecision = (application: Application) =>
    application.decisions.find((decision) => decision.kind === DecisionKind.DECISION_KIND_APPLICATION);

  async function disclosuresOf(subject: SubjectIdentifier) {
    const audit = run.client<AuditServiceClient>(AUDIT_CONTRACT, address('hub'), 'operator.anna.devries');
    const { entries } = await firstValueFrom(audit.listSubjectAccess({ subject, pageSize: 0, pageToken: '', purpose: '' }));
    return entries.filter((entry) => entry.action === 'EVIDENCE_DISCLOSED');
  }

  const filed: Record<
    'founder' | 'majority' | 'graduate' | 'hsm' | 'partner' | 'child' | 'selfEmployed' | 'belowThreshold' | 'daft',
    string
  > = {
    selfEmployed: '',
    belowThreshold: '',
    daft: '',
    founder: '',
    majority: '',
    graduate: '',
    hsm: '',
    partner: '',
    child: '',
  };

  it('refuses a founder’s filing from a party that is no filing channel for start-ups, with PERMISSION_DENIED', async () => {
    const error = await firstValueFrom(intakeAs('university-leiden').fileApplication(filing(0, C.PERMIT_CATEGORY_START_UP))).then(
      () => undefined,
      (caught: unknown) => decodeGrpcError(caught as Parameters<typeof decodeGrpcError>[0]),
    );
    expect(error?.reason).toBe('NOT_A_FILING_CHANNEL');
  });

  it('grants a founder with a sound facilitator on RVO’s positive advice, filed through RVO’s Point of Entry', async () => {
    const advice = run.client<StartUpAdviceServiceClient>(START_UP_ADVICE_CONTRACT, address('rvo'), 'rvo');
    const assessed = await firstValueFrom(advice.assessStartUp(founder(1, 1_000)));
    expect(assessed.outcome).toBe(StartUpAdviceOutcome.START_UP_ADVICE_OUTCOME_POSITIVE);

    const { receipt } = await firstValueFrom(
      intakeAs('rvo').fileApplication(
        filing(1, C.PERMIT_CATEGORY_START_UP, {
          arrival: { welcomeCentreCode: '', municipalityOfWork: 'Rotterdam', municipalityOfResidence: '', expectedArrivalOn: '2027-01-04' },
        }),
      ),
    );
    filed.founder = receipt?.applicationRef ?? '';
    const decided = await caseAt(filed.founder, S.APPLICATION_STATUS_PERMIT_ISSUED);
    expect(history(decided)).toEqual([S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED]);
    // RVO carried the filing; it sponsors nobody.
    expect(decided.sponsorType).toBe(SponsorType.SPONSOR_TYPE_NONE);
    expect(applicationDecision(decided)).toMatchObject({
      resultingStatus: S.APPLICATION_STATUS_GRANTED,
      ruleVersion: 'start-up.v1',
      findings: ['PERMIT_MONTHS:12', 'LABOUR_MARKET:OWN_START_UP', MVV_EXEMPT],
      evidenceUsed: [
        expect.objectContaining({
          evidenceId: assessed.evidence?.evidenceId,
          evidenceType: EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT,
        }),
      ],
    });
    expect(await disclosuresOf(passport(1))).toEqual([
      expect.objectContaining({ evidenceType: EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT, purpose: 'ADMISSION_START_UP' }),
    ]);
  });

  it('refuses a founder whose facilitator holds a majority interest, with RVO’s ground', async () => {
    const advice = run.client<StartUpAdviceServiceClient>(START_UP_ADVICE_CONTRACT, address('rvo'), 'rvo');
    const assessed = await firstValueFrom(advice.assessStartUp(founder(2, 5_100)));
    expect(assessed.reasons).toEqual([StartUpAdviceReason.START_UP_ADVICE_REASON_FACILITATOR_MAJORITY_INTEREST]);

    const { receipt } = await firstValueFrom(intakeAs('rvo').fileApplication(filing(2, C.PERMIT_CATEGORY_START_UP)));
    filed.majority = receipt?.applicationRef ?? '';
    const decided = await caseAt(filed.majority, S.APPLICATION_STATUS_REFUSED);
    expect(decided.reasonCode).toBe('START_UP_ADVICE_NEGATIVE');
    expect(applicationDecision(decided)).toMatchObject({
      ruleVersion: 'start-up.v1',
      findings: ['START_UP_ADVICE_NEGATIVE', 'FACILITATOR_MAJORITY_INTEREST'],
    });
  });

  it('refuses a start-up’s 6th essential employee at RVO (PERMIT_CAP_REACHED)', async () => {
    const advice = run.client<StartUpAdviceServiceClient>(START_UP_ADVICE_CONTRACT, address('rvo'), 'rvo');
    const kvk = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
    const outcomes: string[] = [];
    for (let hire = 1; hire <= 6; hire += 1) {
      const answer = await firstValueFrom(
        advice.adviseEssentialEmployee({
          adviceReference: `TC-ESP-${RUN}-${hire}`,
          startUpKvkNumber: kvk,
          receivedOn: '2025-03-03',
          innovation: { newToTheNetherlands: true, newTechnology: false, newOrganisationalApproach: false },
          employeesBeforeHire: 8,
          participationBasisPoints: 150,
          employmentStartsOn: '2025-04-01',
          participationObtainedOn: '2026-04-01',
        }),
      );
      outcomes.push(answer.reasonCodes.includes('PERMIT_CAP_REACHED') ? 'CAP' : String(answer.startUpPermitsCounted));
      if (hire === 6) expect(answer.outcome).toBe(EssentialEmployeeAdviceOutcome.ESSENTIAL_EMPLOYEE_ADVICE_OUTCOME_NEGATIVE);
    }
    expect(outcomes).toEqual(['1', '2', '3', '4', '5', 'CAP']);
  });

  it('grants a Leiden graduate the orientation year on the DEGREE_AWARDED Leiden pushed, without asking again', async () => {
    const office = run.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, address('university'), 'university-leiden');
    const pushed = await firstValueFrom(
      office.pushEvidence({
        item: {
          itemReference: `tc-diploma-${RUN}`,
          subject: passport(3),
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
    expect(pushed.result?.outcome).toBe(PushOutcome.PUSH_OUTCOME_ACCEPTED);

    const graduate = (n: number) =>
      filing(n, C.PERMIT_CATEGORY_ORIENTATION_YEAR, {
        applicant: passport(3),
        arrival: { welcomeCentreCode: '', municipalityOfWork: '', municipalityOfResidence: 'Leiden', expectedArrivalOn: '' },
      });
    const { receipt } = await firstValueFrom(intakeAs('university-leiden').fileApplication(graduate(3)));
    filed.graduate = receipt?.applicationRef ?? '';
    const decided = await caseAt(filed.graduate, S.APPLICATION_STATUS_PERMIT_ISSUED);
    expect(history(decided)).toEqual([S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED]);
    expect(decided.sponsorType).toBe(SponsorType.SPONSOR_TYPE_NONE);
    // Found in the hub's vault on filing: no request waited at Leiden, nobody asked the graduate.
    expect(decided.evidenceWaits.filter((wait) => wait.hubRequestId !== '')).toEqual([]);
    expect(applicationDecision(decided)).toMatchObject({
      ruleVersion: 'orientation-year.v1',
      evidenceUsed: [
        expect.objectContaining({
          evidenceId: pushed.result?.evidence?.evidenceId,
          evidenceType: EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED,
        }),
      ],
    });
    expect(applicationDecision(decided)?.findings).toEqual(expect.arrayContaining(['LABOUR_MARKET:FREE', 'RENEWABLE:false']));
    expect(await disclosuresOf(passport(3))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ evidenceType: EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED, purpose: 'ADMISSION_ORIENTATION_YEAR' }),
      ]),
    );

    // Once per completion: a second orientation year on the same degree is refused.
    const again = await firstValueFrom(intakeAs('university-leiden').fileApplication(graduate(4)));
    const refused = await caseAt(again.receipt?.applicationRef ?? '', S.APPLICATION_STATUS_REFUSED);
    expect(refused.reasonCode).toBe('ALREADY_USED_FOR_COMPLETION');
  });

  it('decides an HSM with partner and child together: the family waits for the main decision and follows it', async () => {
    const employer = intakeAs('employer-voorbeeld-tech');
    const eindhoven = {
      welcomeCentreCode: '',
      municipalityOfWork: 'Eindhoven',
      municipalityOfResidence: 'Eindhoven',
      expectedArrivalOn: '2027-01-04',
    };
    const main = await firstValueFrom(
      employer.fileApplication(
        filing(5, C.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, {
          intendedStayUntil: '2029-12-31',
          arrival: eindhoven,
          knowledgeMigrant: firstKnowledgeMigrantApplication(),
        }),
      ),
    );
    filed.hsm = main.receipt?.applicationRef ?? '';
    const member = (n: number, relation: FamilyRelation, birthDate: string) =>
      firstValueFrom(
        employer.fileApplication(
          filing(n, C.PERMIT_CATEGORY_FAMILY_MEMBER, {
            intendedStayUntil: '2029-12-31',
            arrival: eindhoven,
            familyMember: { mainApplicationRef: filed.hsm, relation, birthDate },
          }),
        ),
      );
    filed.partner = (await member(6, FamilyRelation.FAMILY_RELATION_PARTNER, '1986-03-03')).receipt?.applicationRef ?? '';
    filed.child = (await member(7, FamilyRelation.FAMILY_RELATION_MINOR_CHILD, '2019-09-09')).receipt?.applicationRef ?? '';
    // The main application waits for UWV's wage fact, so the family waits with it.
    await caseAt(filed.partner, S.APPLICATION_STATUS_EVIDENCE_PENDING);

    const payroll = run.client<WageDeclarationServiceClient>(WAGE_DECLARATION_CONTRACT, address('uwv'), 'employer-voorbeeld-tech');
    await firstValueFrom(
      payroll.importWageDeclarations({
        declarations: [
          {
            declarationReference: `tc-pay-${RUN}`,
            employee: passport(5),
            periodStart: '2026-01-01',
            guaranteedGrossMonthlySalaryCents: String(SALARY_EUR * 100),
            employmentEndedOn: '',
          },
        ],
      }),
    );
    const hsm = await caseAt(filed.hsm, S.APPLICATION_STATUS_PERMIT_ISSUED);
    const hsmGranted = applicationDecision(hsm);
    for (const [ref, labourMarket] of [
      [filed.partner, 'LABOUR_MARKET:FREE'],
      [filed.child, 'LABOUR_MARKET:TWV_REQUIRED'],
    ]) {
      const decided = await caseAt(ref, S.APPLICATION_STATUS_PERMIT_ISSUED);
      expect(history(decided)).toEqual([
        S.APPLICATION_STATUS_SUBMITTED,
        S.APPLICATION_STATUS_EVIDENCE_PENDING,
        S.APPLICATION_STATUS_GRANTED,
        S.APPLICATION_STATUS_PERMIT_ISSUED,
      ]);
      expect(decided.history[1]?.reasonCode).toBe('MAIN_APPLICATION_PENDING');
      expect(applicationDecision(decided)).toMatchObject({
        ruleVersion: 'family-members.v1',
        // Decided on the day the main application was.
        decidedOn: hsmGranted?.decidedOn,
        findings: [
          `LINKED_TO:${filed.hsm}`,
          'FAMILY_SPONSOR:MAIN_APPLICATION_SPONSOR',
          labourMarket,
          expect.stringMatching(/^GROUP_DEADLINE:/),
          MVV_EXEMPT,
        ],
      });
      expect(decided.sponsor?.oin).toBe(EMPLOYER_OIN);
    }
  });

  describe('self-employed applicants, decided on RVO’s points score', () => {
    const advice = () => run.client<StartUpAdviceServiceClient>(START_UP_ADVICE_CONTRACT, address('rvo'), 'rvo');
    const selfEmployedFiling = (n: number, country: 'CA' | 'US', change: Partial<FileApplicationRequest> = {}) =>
      filing(n, C.PERMIT_CATEGORY_SELF_EMPLOYED, {
        sponsorReference: `TC-SE-${RUN}-${n}`,
        applicant: entrepreneur(n, country),
        citizenship: country,
        intendedStayUntil: '2028-12-31',
        ...change,
      });

    it('grants an entrepreneur RVO scored positively, filed through RVO’s Point of Entry, and the IND reads only the score', async () => {
      const scored = await firstValueFrom(advice().scoreSelfEmployed(scoring(1, 'CA', [60, 50, 40])));
      expect(scored).toMatchObject({
        outcome: SelfEmployedAdviceOutcome.SELF_EMPLOYED_ADVICE_OUTCOME_POSITIVE,
        totalPoints: 150,
        evidence: { evidenceType: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT },
      });

      const { receipt } = await firstValueFrom(
        intakeAs('rvo').fileApplication(
          selfEmployedFiling(1, 'CA', {
            arrival: { welcomeCentreCode: '', municipalityOfWork: 'Utrecht', municipalityOfResidence: '', expectedArrivalOn: '2027-01-11' },
          }),
        ),
      );
      filed.selfEmployed = receipt?.applicationRef ?? '';
      const decided = await caseAt(filed.selfEmployed, S.APPLICATION_STATUS_PERMIT_ISSUED);
      expect(history(decided)).toEqual([S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED]);
      expect(decided.sponsorType).toBe(SponsorType.SPONSOR_TYPE_NONE);
      expect(decided.subject?.pseudonym).toBe(scored.applicant?.pseudonym);
      expect(applicationDecision(decided)).toMatchObject({
        resultingStatus: S.APPLICATION_STATUS_GRANTED,
        ruleVersion: 'self-employed.v1',
        findings: ['POINTS:150:STANDARD', 'PERMIT_MONTHS:24', 'LABOUR_MARKET:OWN_BUSINESS', 'RENEWABLE:true', MVV_EXEMPT],
        evidenceUsed: [
          expect.objectContaining({
            evidenceId: scored.evidence?.evidenceId,
            evidenceType: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
          }),
        ],
      });
      // The hub's audit trail: the IND was shown the score under its grant, with the score's fields only.
      const disclosures = await disclosuresOf(entrepreneur(1, 'CA'));
      expect(disclosures).toEqual([
        expect.objectContaining({
          evidenceType: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
          purpose: 'ADMISSION_SELF_EMPLOYED',
          legalBasis: 'Vw 2000 art. 24a',
        }),
      ]);
      expect([...(disclosures[0]?.disclosedFields ?? [])].sort()).toEqual([...SCORE_FIELDS].sort());
    });

    it('refuses an entrepreneur below a part’s threshold, with RVO’s ground', async () => {
      const scored = await firstValueFrom(advice().scoreSelfEmployed(scoring(2, 'CA', [60, 25, 40])));
      expect(scored).toMatchObject({
        outcome: SelfEmployedAdviceOutcome.SELF_EMPLOYED_ADVICE_OUTCOME_NEGATIVE,
        totalPoints: 125,
        findings: ['PART_BELOW_MINIMUM:BUSINESS_PLAN'],
      });

      // Filed at the IND's own desk, the other channel for the self-employed.
      const { receipt } = await firstValueFrom(intakeAs('ind').fileApplication(selfEmployedFiling(2, 'CA')));
      filed.belowThreshold = receipt?.applicationRef ?? '';
      const decided = await caseAt(filed.belowThreshold, S.APPLICATION_STATUS_REFUSED);
      expect(decided.reasonCode).toBe('POINTS_BELOW_THRESHOLD');
      expect(applicationDecision(decided)).toMatchObject({
        resultingStatus: S.APPLICATION_STATUS_REFUSED,
        ruleVersion: 'self-employed.v1',
        findings: ['POINTS_BELOW_THRESHOLD', 'BUSINESS_PLAN_BELOW_MINIMUM'],
        evidenceUsed: [expect.objectContaining({ evidenceId: scored.evidence?.evidenceId })],
      });
      expect(await disclosuresOf(entrepreneur(2, 'CA'))).toEqual([
        expect.objectContaining({
          evidenceType: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
          purpose: 'ADMISSION_SELF_EMPLOYED',
        }),
      ]);
    });

    it('grants a US entrepreneur on the DAFT route RVO reports, without points', async () => {
      const scored = await firstValueFrom(advice().scoreSelfEmployed(scoring(3, 'US', [0, 0, 0])));
      expect(scored).toMatchObject({ outcome: SelfEmployedAdviceOutcome.SELF_EMPLOYED_ADVICE_OUTCOME_EXEMPT, exemptionRoute: 'DAFT' });

      const { receipt } = await firstValueFrom(intakeAs('rvo').fileApplication(selfEmployedFiling(3, 'US')));
      filed.daft = receipt?.applicationRef ?? '';
      const decided = await caseAt(filed.daft, S.APPLICATION_STATUS_PERMIT_ISSUED);
      expect(applicationDecision(decided)).toMatchObject({
        ruleVersion: 'self-employed.v1',
        findings: ['EXEMPTION_ROUTE:DAFT', 'PERMIT_MONTHS:24', 'LABOUR_MARKET:OWN_BUSINESS', 'RENEWABLE:true', MVV_EXEMPT],
      });
    });
  });

  it('refers each arrival to the welcome centre of its municipality', async () => {
    const kafka = createKafkaClient({ clientId: `talent-${randomUUID()}`, ...testKafka(run.infrastructure) });
    const expected = new Map([
      [filed.founder, { category: C.PERMIT_CATEGORY_START_UP, centreCode: 'rotterdam-expat-centre' }],
      [filed.graduate, { category: C.PERMIT_CATEGORY_ORIENTATION_YEAR, centreCode: 'leiden-international-centre' }],
      [filed.hsm, { category: C.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, centreCode: 'holland-expat-center-south' }],
      // The HSM's partner and child get their own referrals, to the same centre as the household's main applicant.
      [filed.partner, { category: C.PERMIT_CATEGORY_FAMILY_MEMBER, centreCode: 'holland-expat-center-south' }],
      [filed.child, { category: C.PERMIT_CATEGORY_FAMILY_MEMBER, centreCode: 'holland-expat-center-south' }],
      [filed.selfEmployed, { category: C.PERMIT_CATEGORY_SELF_EMPLOYED, centreCode: 'utrecht-international-welcome-centre' }],
    ]);
    const referrals = await eventually(async () => {
      const found = (await readTopicToEnd(kafka, [TOPICS.relocationReferral.name]))
        .flatMap((record) => (record.value === null ? [] : [RelocationReferral.decode(record.value)]))
        .filter((referral) => expected.has(referral.applicationRef));
      return found.length >= expected.size ? found : undefined;
    }, 180_000);
    expect(
      new Map(referrals.map((referral) => [referral.applicationRef, { category: referral.category, centreCode: referral.centreCode }])),
    ).toEqual(expected);
    const family = [filed.partner, filed.child];
    for (const referral of referrals) {
      const known = cases.get(referral.applicationRef);
      // A family member was never looked up at the hub: it has no pseudonym, its case id is the referral's key.
      if (family.includes(referral.applicationRef)) expect(referral.subject?.pseudonym ?? '').toBe('');
      else expect(referral.subject?.pseudonym).toBe(known?.subject?.pseudonym);
      expect(referral.arrivalDate).toEqual(referral.applicationRef === filed.selfEmployed ? '2027-01-11' : expect.any(String));
    }
    // One referral per application: each of the household's three is counted once.
    expect(referrals.filter((referral) => [filed.hsm, ...family].includes(referral.applicationRef))).toHaveLength(3);
    expect(referrals.filter((referral) => [filed.hsm, ...family].includes(referral.applicationRef)).map((r) => r.arrivalDate)).toEqual([
      '2027-01-04',
      '2027-01-04',
      '2027-01-04',
    ]);
    // A founder and a graduate have no sponsor to name; the HSM's referral and his family's name the employer.
    for (const ref of [filed.hsm, ...family]) {
      expect(referrals.find((referral) => referral.applicationRef === ref)?.sponsor?.oin).toBe(EMPLOYER_OIN);
    }
    expect(referrals.find((referral) => referral.applicationRef === filed.founder)?.sponsor?.oin ?? '').toBe('');
  });

  it('carries no passport number, no salary and no business plan or turnover on any topic', async () => {
    const scan = await scanBackboneForIdentifiers(testKafka(run.infrastructure), [`TC${RUN}`, `TS${RUN}`]);
    expect(scan.records).toBeGreaterThan(0);
    expect(scan.found).toEqual([]);

    const kafka = createKafkaClient({ clientId: `talent-scan-${randomUUID()}`, ...testKafka(run.infrastructure) });
    const records = await readTopicToEnd(kafka, declaredTopicNames(), 120_000);
    const written = (text: string, needle: string): boolean => new RegExp(`(?<![0-9A-Za-z-])${needle}(?![0-9A-Za-z-])`).test(text);
    const texts = records.map((record) => `${record.value?.toString('latin1') ?? ''} ${JSON.stringify(record.headers)}`);
    expect(records.length).toBeGreaterThan(0);
    expect(texts.filter((text) => written(text, String(SALARY_EUR)) || written(text, String(SALARY_EUR * 100)))).toEqual([]);
    // RVO's score travels as points and grounds; a business plan or turnover figure would be a field of its own.
    expect(texts.filter((text) => /turnover|omzet|business_?plan(?!_?points)/i.test(text))).toEqual([]);
  });
});
