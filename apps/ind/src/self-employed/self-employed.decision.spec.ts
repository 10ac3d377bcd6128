import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { ReferenceDataError } from '@welkom/reference-data';
import { type CaseSnapshot, evidenceNeeded, type EvidenceLookup, planAssessment } from '../assessment/case-assessment';
import type { DecisionEvidence, SelfEmployedScoreFacts } from '../decisions/decision-evidence';
import { bundledDecisionRules } from '../decisions/decision-rules';
import { bundledRecognisedSponsorRegister } from '../sponsors/recognised-sponsor.register';
import { bundledSelfEmployedRules, parseSelfEmployedRules } from './self-employed.reference';
import selfEmployedJson from '../../reference/self-employed.v1.json';

const S = ApplicationStatus;
const RVO = '00000001823456780000';
const context = {
  rules: bundledDecisionRules(),
  sponsors: bundledRecognisedSponsorRegister(),
  today: '2026-11-23',
  selfEmployed: bundledSelfEmployedRules(),
};

function snapshot(receivedOn = '2026-11-20'): CaseSnapshot {
  return {
    status: S.APPLICATION_STATUS_SUBMITTED,
    application: {
      applicationRef: 'case-se',
      category: PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED,
      receivedOn,
      sponsorOin: RVO,
      intendedStay: { from: '2026-12-01', until: '2028-11-30' },
    },
  };
}

function score(facts: SelfEmployedScoreFacts, change: Partial<DecisionEvidence> = {}): DecisionEvidence {
  return {
    contentCommitment: 'c'.repeat(64),
    issuedOn: '2026-11-10',
    validUntil: '2027-05-09',
    revoked: false,
    evidenceId: 'score-1',
    issuerOin: RVO,
    type: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
    facts: { scoredOn: '2026-11-10', adviceReference: 'RVO-SE-1', ruleVersion: 'self-employed-points.v1', ...facts },
    ...change,
  } as DecisionEvidence;
}

const plan = (evidence: DecisionEvidence | undefined, receivedOn?: string) =>
  planAssessment(
    snapshot(receivedOn),
    evidence
      ? new Map<EvidenceType, EvidenceLookup>([[evidence.type, { kind: 'disclosed', evidence, subjectPseudonym: 'subj_1' }]])
      : new Map(),
    context,
  );

describe('the IND’s decision on a self-employed permit, on RVO’s points score (DOMAIN.md §1.8)', () => {
  it('asks the hub for RVO’s points score, once the applicant filed through a channel', () => {
    expect(evidenceNeeded(PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED, S.APPLICATION_STATUS_SUBMITTED, false)).toEqual([
      EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
    ]);
  });

  it.each<[string, DecisionEvidence | undefined, ApplicationStatus[], string | undefined, string[]]>([
    [
      'a positive standard score grants 2 years for the own business, and the permit follows',
      score({ outcome: 'POSITIVE', variant: 'STANDARD', totalPoints: 120, reasons: [] }),
      [S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
      undefined,
      ['POINTS:120:STANDARD', 'PERMIT_MONTHS:24', 'LABOUR_MARKET:OWN_BUSINESS', 'RENEWABLE:true'],
    ],
    [
      'a positive score on the highly-educated variant grants',
      score({ outcome: 'POSITIVE', variant: 'HIGHLY_EDUCATED', totalPoints: 90, reasons: [] }),
      [S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
      undefined,
      ['POINTS:90:HIGHLY_EDUCATED', 'PERMIT_MONTHS:24', 'LABOUR_MARKET:OWN_BUSINESS', 'RENEWABLE:true'],
    ],
    [
      'a part below its threshold refuses with RVO’s ground',
      score({ outcome: 'NEGATIVE', variant: 'STANDARD', totalPoints: 95, reasons: ['BUSINESS_PLAN_BELOW_MINIMUM'] }),
      [S.APPLICATION_STATUS_REFUSED],
      'POINTS_BELOW_THRESHOLD',
      ['POINTS_BELOW_THRESHOLD', 'BUSINESS_PLAN_BELOW_MINIMUM'],
    ],
    [
      'the total and a part short refuses with both grounds, in RVO’s order',
      score({ outcome: 'NEGATIVE', variant: 'STANDARD', totalPoints: 89, reasons: ['TOTAL_BELOW_MINIMUM', 'ADDED_VALUE_BELOW_MINIMUM'] }),
      [S.APPLICATION_STATUS_REFUSED],
      'POINTS_BELOW_THRESHOLD',
      ['POINTS_BELOW_THRESHOLD', 'TOTAL_BELOW_MINIMUM', 'ADDED_VALUE_BELOW_MINIMUM'],
    ],
    ...(['TURKISH_NATIONAL', 'EU_LONG_TERM_RESIDENT', 'DAFT', 'JAPAN_TREATY'] as const).map(
      (route): [string, DecisionEvidence, ApplicationStatus[], undefined, string[]] => [
        `the exemption route ${route} as RVO reports it grants without points`,
        score({ outcome: 'EXEMPT', exemptionRoute: route, totalPoints: 0, reasons: [] }),
        [S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
        undefined,
        [`EXEMPTION_ROUTE:${route}`, 'PERMIT_MONTHS:24', 'LABOUR_MARKET:OWN_BUSINESS', 'RENEWABLE:true'],
      ],
    ),
    [
      'no score yet waits for RVO, never asks the applicant',
      undefined,
      [S.APPLICATION_STATUS_EVIDENCE_PENDING],
      'POINTS_ASSESSMENT_MISSING',
      [],
    ],
    [
      'a score whose outcome the hub withheld waits (a grant problem), never a guess',
      score({}),
      [S.APPLICATION_STATUS_EVIDENCE_PENDING],
      'EVIDENCE_FIELD_NOT_DISCLOSED',
      [],
    ],
    [
      'an exempt score without its route waits (a grant problem)',
      score({ outcome: 'EXEMPT' }),
      [S.APPLICATION_STATUS_EVIDENCE_PENDING],
      'EVIDENCE_FIELD_NOT_DISCLOSED',
      [],
    ],
    [
      'an expired score is set aside and a new one waited for',
      score({ outcome: 'POSITIVE', variant: 'STANDARD', totalPoints: 120 }, { validUntil: '2026-11-22' }),
      [S.APPLICATION_STATUS_EVIDENCE_PENDING],
      'POINTS_ASSESSMENT_MISSING',
      [],
    ],
  ])('%s', (_case, evidence, expected, reason, findings) => {
    const planned = plan(evidence);
    expect(planned.transitions.map((step) => step.to)).toEqual(expected);
    expect(planned.transitions[0]?.reasonCode).toBe(reason);
    const decision = planned.transitions.find((step) => step.decision?.kind === 'APPLICATION')?.decision;
    if (expected[0] === S.APPLICATION_STATUS_EVIDENCE_PENDING) expect(decision).toBeUndefined();
    else expect(decision).toMatchObject({ ruleVersion: 'self-employed.v1', findings, evidenceUsed: [{ evidenceId: 'score-1' }] });
  });

  it('decides nothing on an application received before the rules are in force (fail closed)', () => {
    const planned = plan(score({ outcome: 'POSITIVE', variant: 'STANDARD', totalPoints: 120 }), '2025-12-31');
    expect(planned.transitions.map((step) => step.to)).toEqual([S.APPLICATION_STATUS_EVIDENCE_PENDING]);
    expect(planned.transitions[0]?.reasonCode).toBe('RULES_NOT_IN_FORCE');
  });

  it('refuses an exemption route the rules in force no longer accept', () => {
    const file = JSON.parse(JSON.stringify(selfEmployedJson)) as typeof selfEmployedJson;
    file.versions[0].acceptedExemptionRoutes = ['TURKISH_NATIONAL', 'EU_LONG_TERM_RESIDENT', 'JAPAN_TREATY'];
    const planned = planAssessment(
      snapshot(),
      new Map<EvidenceType, EvidenceLookup>([
        [
          EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
          { kind: 'disclosed', evidence: score({ outcome: 'EXEMPT', exemptionRoute: 'DAFT' }), subjectPseudonym: 'subj_1' },
        ],
      ]),
      { ...context, selfEmployed: parseSelfEmployedRules(file) },
    );
    expect(planned.transitions.map((step) => step.to)).toEqual([S.APPLICATION_STATUS_REFUSED]);
    expect(planned.transitions[0]?.decision?.findings).toEqual(['EXEMPTION_ROUTE_NOT_ACCEPTED', 'EXEMPTION_ROUTE:DAFT']);
  });

  it('refuses a rules file with an unknown exemption route', () => {
    const file = JSON.parse(JSON.stringify(selfEmployedJson)) as { versions: { acceptedExemptionRoutes: string[] }[] };
    file.versions[0].acceptedExemptionRoutes = ['TOURIST'];
    expect(() => parseSelfEmployedRules(file)).toThrow(ReferenceDataError);
  });
});
