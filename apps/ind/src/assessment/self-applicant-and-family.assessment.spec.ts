import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { DecisionEvidence } from '../decisions/decision-evidence';
import { bundledDecisionRules } from '../decisions/decision-rules';
import { bundledFamilyMembersRules } from '../families/family-members.reference';
import type { MainApplicationSnapshot } from '../families/family-member.decision';
import { bundledOrientationYearRules } from '../orientation-year/orientation-year.reference';
import { bundledRecognisedSponsorRegister } from '../sponsors/recognised-sponsor.register';
import { bundledStartUpRules } from '../start-up/start-up.reference';
import { type CaseSnapshot, evidenceNeeded, type EvidenceLookup, planAssessment } from './case-assessment';

const S = ApplicationStatus;
const C = PermitCategory;
const RVO = '00000001823456780000';
const LEIDEN = '00000003281234560000';
const EMPLOYER = '00000003612345670000';
const context = {
  rules: bundledDecisionRules(),
  sponsors: bundledRecognisedSponsorRegister(),
  today: '2026-11-23',
  orientationYear: bundledOrientationYearRules(),
  startUp: bundledStartUpRules(),
  familyMembers: bundledFamilyMembersRules(),
};
const provenance = { contentCommitment: 'c'.repeat(64), issuedOn: '2026-11-01', validUntil: '2027-11-01', revoked: false };

function snapshot(category: PermitCategory, filer: string, extra: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    status: S.APPLICATION_STATUS_SUBMITTED,
    application: {
      applicationRef: 'case-1',
      category,
      receivedOn: '2026-11-20',
      sponsorOin: filer,
      intendedStay: { from: '2026-12-01', until: '2027-11-30' },
    },
    ...extra,
  };
}

const disclosed = (evidence: DecisionEvidence): Map<EvidenceType, EvidenceLookup> =>
  new Map([[evidence.type, { kind: 'disclosed', evidence, subjectPseudonym: 'subj_1' }]]);

function degree(completedOn: string, kind: 'DUTCH_MASTER' | 'OTHER' = 'DUTCH_MASTER'): DecisionEvidence {
  return {
    ...provenance,
    evidenceId: 'degree-leiden-msc',
    issuerOin: LEIDEN,
    type: EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED,
    facts: { completionKind: kind, completedOn, programmeMonths: 24 },
  };
}

function advice(
  outcome: 'POSITIVE' | 'NEGATIVE',
  reasons: string[] = [],
  facilitatorName: string | undefined = 'Voorbeeld Incubator B.V.',
) {
  const evidence: DecisionEvidence = {
    ...provenance,
    evidenceId: 'advice-1',
    issuerOin: RVO,
    type: EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT,
    facts: { outcome, assessedOn: '2026-11-10', facilitatorName, adviceReference: 'RVO-1', reasons },
  };
  return evidence;
}

const statuses = (plan: ReturnType<typeof planAssessment>) => plan.transitions.map((step) => step.to);
const decisionOf = (plan: ReturnType<typeof planAssessment>) => plan.transitions.find((step) => step.decision)?.decision;

describe('the categories whose applicant files himself and family members (issue 15)', () => {
  describe('what the IND asks the hub for', () => {
    it.each<[string, PermitCategory, EvidenceType[]]>([
      ['an orientation year: the degree', C.PERMIT_CATEGORY_ORIENTATION_YEAR, [EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED]],
      ['a start-up: RVO’s advice', C.PERMIT_CATEGORY_START_UP, [EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT]],
      ['a family member: nothing, it follows the main application', C.PERMIT_CATEGORY_FAMILY_MEMBER, []],
    ])('%s, without a recognised sponsor', (_case, category, expected) => {
      expect(evidenceNeeded(category, S.APPLICATION_STATUS_SUBMITTED, false)).toEqual(expected);
    });
  });

  describe('orientation year on the DEGREE_AWARDED the university pushed', () => {
    it.each<[string, DecisionEvidence | undefined, string[], ApplicationStatus[], string | undefined]>([
      [
        'a Leiden master a year ago is granted and the permit issued',
        degree('2025-11-20'),
        [],
        [S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
        undefined,
      ],
      [
        'the last day of the 3 years is in time',
        degree('2023-11-20'),
        [],
        [S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
        undefined,
      ],
      ['a day after the 3 years is refused', degree('2023-11-19'), [], [S.APPLICATION_STATUS_REFUSED], 'WINDOW_PASSED'],
      [
        'a completion that does not qualify is refused',
        degree('2025-11-20', 'OTHER'),
        [],
        [S.APPLICATION_STATUS_REFUSED],
        'COMPLETION_NOT_QUALIFYING',
      ],
      [
        'a second orientation year on the same degree is refused',
        degree('2025-11-20'),
        ['degree-leiden-msc'],
        [S.APPLICATION_STATUS_REFUSED],
        'ALREADY_USED_FOR_COMPLETION',
      ],
      [
        'no degree at the hub yet waits for the university',
        undefined,
        [],
        [S.APPLICATION_STATUS_EVIDENCE_PENDING],
        'COMPLETION_EVIDENCE_MISSING',
      ],
    ])('%s', (_case, evidence, usedBefore, expected, reason) => {
      const lookups = evidence ? disclosed(evidence) : new Map<EvidenceType, EvidenceLookup>();
      const plan = planAssessment(
        snapshot(C.PERMIT_CATEGORY_ORIENTATION_YEAR, LEIDEN, { completionsUsedBefore: usedBefore }),
        lookups,
        context,
      );
      expect(statuses(plan)).toEqual(expected);
      expect(plan.transitions[0]?.reasonCode).toBe(reason);
    });

    it('records the rule version, the degree it rested on and what the permit is', () => {
      const decision = decisionOf(
        planAssessment(snapshot(C.PERMIT_CATEGORY_ORIENTATION_YEAR, LEIDEN), disclosed(degree('2025-11-20')), context),
      );
      expect(decision).toMatchObject({
        kind: 'APPLICATION',
        ruleVersion: 'orientation-year.v1',
        evidenceUsed: [{ evidenceId: 'degree-leiden-msc', evidenceType: EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED }],
        findings: ['VALID_UNTIL:2027-11-19', 'LABOUR_MARKET:FREE', 'RENEWABLE:false'],
      });
    });

    it('waits, not refuses, when the hub withholds the completion date (a grant problem)', () => {
      const withheld: DecisionEvidence = { ...degree('2025-11-20'), facts: { completionKind: 'DUTCH_MASTER' } } as DecisionEvidence;
      const plan = planAssessment(snapshot(C.PERMIT_CATEGORY_ORIENTATION_YEAR, LEIDEN), disclosed(withheld), context);
      expect(plan.transitions.map((step) => [step.to, step.reasonCode])).toEqual([
        [S.APPLICATION_STATUS_EVIDENCE_PENDING, 'EVIDENCE_FIELD_NOT_DISCLOSED'],
      ]);
    });
  });

  describe('start-up on RVO’s START_UP_ASSESSMENT advice', () => {
    it.each<[string, DecisionEvidence | undefined, ApplicationStatus[], string | undefined, string[]]>([
      [
        'a positive advice naming the facilitator grants 12 months',
        advice('POSITIVE'),
        [S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
        undefined,
        ['PERMIT_MONTHS:12', 'LABOUR_MARKET:OWN_START_UP'],
      ],
      [
        'a negative advice for a facilitator with a majority interest refuses with RVO’s ground',
        advice('NEGATIVE', ['FACILITATOR_MAJORITY_INTEREST']),
        [S.APPLICATION_STATUS_REFUSED],
        'START_UP_ADVICE_NEGATIVE',
        ['START_UP_ADVICE_NEGATIVE', 'FACILITATOR_MAJORITY_INTEREST'],
      ],
      [
        'a positive advice naming no facilitator refuses',
        advice('POSITIVE', [], ''),
        [S.APPLICATION_STATUS_REFUSED],
        'FACILITATOR_NOT_NAMED',
        ['FACILITATOR_NOT_NAMED'],
      ],
      ['no advice yet waits for RVO', undefined, [S.APPLICATION_STATUS_EVIDENCE_PENDING], 'START_UP_ADVICE_MISSING', []],
    ])('%s', (_case, evidence, expected, reason, findings) => {
      const lookups = evidence ? disclosed(evidence) : new Map<EvidenceType, EvidenceLookup>();
      const plan = planAssessment(snapshot(C.PERMIT_CATEGORY_START_UP, RVO), lookups, context);
      expect(statuses(plan)).toEqual(expected);
      expect(plan.transitions[0]?.reasonCode).toBe(reason);
      const decision = decisionOf(plan);
      if (decision) expect(decision).toMatchObject({ ruleVersion: 'start-up.v1', findings });
    });

    it('sets an expired advice aside and waits for a new one', () => {
      const expired = { ...advice('POSITIVE'), validUntil: '2026-11-22' } as DecisionEvidence;
      const plan = planAssessment(snapshot(C.PERMIT_CATEGORY_START_UP, RVO), disclosed(expired), context);
      expect(statuses(plan)).toEqual([S.APPLICATION_STATUS_EVIDENCE_PENDING]);
    });
  });

  describe('a family member, decided with the main application', () => {
    const main = (status: ApplicationStatus, change: Partial<MainApplicationSnapshot> = {}): MainApplicationSnapshot => ({
      applicationRef: 'main-1',
      category: C.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT,
      subjectPseudonym: 'subj_main',
      sponsorOin: EMPLOYER,
      receivedOn: '2026-11-20',
      decisionDeadline: '2027-02-18',
      status,
      ...change,
    });
    const member = (relation: 'PARTNER' | 'MINOR_CHILD', birthDate: string, receivedOn = '2026-11-20') => ({
      applicationRef: 'case-1',
      receivedOn,
      decisionDeadline: '2027-02-18',
      link: { mainApplicationRef: 'main-1', relation, birthDate },
    });
    const familyCase = (m: MainApplicationSnapshot | null, f: ReturnType<typeof member>) =>
      snapshot(C.PERMIT_CATEGORY_FAMILY_MEMBER, EMPLOYER, { family: { main: m, member: f } });

    it.each<[string, MainApplicationSnapshot | null, ReturnType<typeof member>, ApplicationStatus[], string | undefined]>([
      [
        'the partner of a granted HSM is granted',
        main(S.APPLICATION_STATUS_GRANTED),
        member('PARTNER', '1990-01-01'),
        [S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
        undefined,
      ],
      [
        'the child of an HSM whose permit was issued is granted',
        main(S.APPLICATION_STATUS_PERMIT_ISSUED),
        member('MINOR_CHILD', '2018-05-05'),
        [S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
        undefined,
      ],
      [
        'a member waits while the main application is open',
        main(S.APPLICATION_STATUS_EVIDENCE_PENDING),
        member('PARTNER', '1990-01-01'),
        [S.APPLICATION_STATUS_EVIDENCE_PENDING],
        'MAIN_APPLICATION_PENDING',
      ],
      [
        'a member is refused with a refused main application',
        main(S.APPLICATION_STATUS_REFUSED),
        member('PARTNER', '1990-01-01'),
        [S.APPLICATION_STATUS_REFUSED],
        'MAIN_APPLICATION_REFUSED',
      ],
      [
        'a member is refused with a withdrawn main application',
        main(S.APPLICATION_STATUS_WITHDRAWN),
        member('PARTNER', '1990-01-01'),
        [S.APPLICATION_STATUS_REFUSED],
        'MAIN_APPLICATION_REFUSED',
      ],
      [
        'a child of 18 on the day of receipt is refused',
        main(S.APPLICATION_STATUS_GRANTED),
        member('MINOR_CHILD', '2008-11-20'),
        [S.APPLICATION_STATUS_REFUSED],
        'CHILD_NOT_MINOR',
      ],
      [
        'a child a day short of 18 is granted',
        main(S.APPLICATION_STATUS_GRANTED),
        member('MINOR_CHILD', '2008-11-21'),
        [S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
        undefined,
      ],
      [
        'a member filed on another day than the main application is refused',
        main(S.APPLICATION_STATUS_GRANTED),
        member('PARTNER', '1990-01-01', '2026-11-21'),
        [S.APPLICATION_STATUS_REFUSED],
        'NOT_APPLYING_TOGETHER',
      ],
      [
        'a member of a student is refused',
        main(S.APPLICATION_STATUS_GRANTED, { category: C.PERMIT_CATEGORY_STUDENT }),
        member('PARTNER', '1990-01-01'),
        [S.APPLICATION_STATUS_REFUSED],
        'MAIN_CATEGORY_WITHOUT_FAMILY',
      ],
      [
        'a member without a main application is refused',
        null,
        member('PARTNER', '1990-01-01'),
        [S.APPLICATION_STATUS_REFUSED],
        'MAIN_APPLICATION_NOT_FOUND',
      ],
    ])('%s', (_case, m, f, expected, reason) => {
      const plan = planAssessment(familyCase(m, f), new Map(), context);
      expect(statuses(plan)).toEqual(expected);
      expect(plan.transitions[0]?.reasonCode).toBe(reason);
    });

    it('records the link, who sponsors the family, the partner’s free labour market and the rule version', () => {
      const plan = planAssessment(familyCase(main(S.APPLICATION_STATUS_GRANTED), member('PARTNER', '1990-01-01')), new Map(), context);
      expect(decisionOf(plan)).toMatchObject({
        ruleVersion: 'family-members.v1',
        findings: ['LINKED_TO:main-1', 'FAMILY_SPONSOR:MAIN_APPLICATION_SPONSOR', 'LABOUR_MARKET:FREE', 'GROUP_DEADLINE:2027-02-18'],
      });
    });

    it('makes a researcher the sponsor of his own family', () => {
      const researcher = main(S.APPLICATION_STATUS_GRANTED, { category: C.PERMIT_CATEGORY_RESEARCHER });
      const plan = planAssessment(familyCase(researcher, member('MINOR_CHILD', '2016-01-01')), new Map(), context);
      expect(decisionOf(plan)?.findings).toEqual(expect.arrayContaining(['FAMILY_SPONSOR:MAIN_APPLICANT', 'LABOUR_MARKET:TWV_REQUIRED']));
    });
  });
});
