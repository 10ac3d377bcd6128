import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import {
  EnrolmentStatus,
  SelfEmployedExemptionRoute,
  SelfEmployedPointsOutcome,
  SelfEmployedPointsReason,
  SelfEmployedPointsVariant,
  StudyLevel,
} from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { DisclosedEvidence } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { toDecisionEvidence } from './disclosed-evidence.mapper';

const seconds = (iso: string) => ({ seconds: String(Date.parse(iso) / 1000), nanos: 0 });

function disclosed(fields: string[]): DisclosedEvidence {
  return {
    reference: {
      evidenceId: 'e-1',
      evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
      contentSha256: '',
      schemaVersion: 1,
      contentCommitment: 'b'.repeat(64),
    },
    subject: { pseudonym: 'subj_x' },
    issuer: { oin: '00000003281234560000', subUnit: '' },
    issuedAt: seconds('2026-10-31T23:30:00Z'),
    verifiedAt: seconds('2026-10-31T23:30:00Z'),
    // Midnight in Amsterdam: the fact may be relied on up to and including 31 October.
    validUntil: seconds('2027-10-31T23:00:00Z'),
    payload: {
      enrolmentProof: {
        institutionName: 'Universiteit Leiden',
        institutionBrin: '',
        programmeName: 'MSc',
        programmeCode: '',
        studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
        enrolmentStatus: EnrolmentStatus.ENROLMENT_STATUS_ENROLLED,
        academicYear: '2026-2027',
        startDate: '2026-09-01',
        expectedEndDate: '',
        fullTime: false,
      },
    },
    disclosedFields: fields,
    auditSequence: '7',
    disclosedViewSha256: 'c'.repeat(64),
  };
}

describe('evidence as the hub disclosed it', () => {
  it('reads the facts the hub disclosed, with Dutch calendar dates', () => {
    const evidence = toDecisionEvidence(disclosed(['enrolment_status', 'start_date', 'full_time']));
    expect(evidence).toMatchObject({
      evidenceId: 'e-1',
      issuerOin: '00000003281234560000',
      // 23:30 UTC on 31 October is already 1 November in Amsterdam.
      issuedOn: '2026-11-01',
      validUntil: '2027-10-31',
      facts: { status: 'ENROLLED', fullTime: false, programmeStartDate: '2026-09-01', expectedEndDate: undefined },
    });
  });

  it('never takes a withheld field for a real one: a default false that was not disclosed stays unknown', () => {
    expect(toDecisionEvidence(disclosed(['enrolment_status']))?.facts).toEqual({
      status: 'ENROLLED',
      fullTime: undefined,
      programmeStartDate: undefined,
      expectedEndDate: undefined,
    });
  });

  describe('RVO’s SELF_EMPLOYED_POINTS_ASSESSMENT', () => {
    const ALL = ['outcome', 'scored_on', 'advice_reference', 'variant', 'exemption_route', 'total_points', 'reasons', 'rule_version'];
    const score = (fields: string[], change: object = {}): DisclosedEvidence => ({
      ...disclosed(fields),
      reference: { ...disclosed([]).reference!, evidenceType: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT },
      payload: {
        selfEmployedPointsAssessment: {
          outcome: SelfEmployedPointsOutcome.SELF_EMPLOYED_POINTS_OUTCOME_NEGATIVE,
          scoredOn: '2026-11-02',
          adviceReference: 'RVO-SE-1',
          variant: SelfEmployedPointsVariant.SELF_EMPLOYED_POINTS_VARIANT_STANDARD,
          exemptionRoute: SelfEmployedExemptionRoute.SELF_EMPLOYED_EXEMPTION_ROUTE_UNSPECIFIED,
          personalExperiencePoints: 40,
          businessPlanPoints: 25,
          addedValuePoints: 30,
          totalPoints: 95,
          reasons: [SelfEmployedPointsReason.SELF_EMPLOYED_POINTS_REASON_BUSINESS_PLAN_BELOW_MINIMUM],
          ruleVersion: 'self-employed-points.v1',
          ...change,
        },
      },
    });

    it.each<[string, DisclosedEvidence, object]>([
      [
        'a negative score with its grounds, without the prefix',
        score(ALL),
        {
          outcome: 'NEGATIVE',
          scoredOn: '2026-11-02',
          variant: 'STANDARD',
          exemptionRoute: undefined,
          totalPoints: 95,
          reasons: ['BUSINESS_PLAN_BELOW_MINIMUM'],
          ruleVersion: 'self-employed-points.v1',
        },
      ],
      [
        'an exempt route',
        score(ALL, {
          outcome: SelfEmployedPointsOutcome.SELF_EMPLOYED_POINTS_OUTCOME_EXEMPT,
          exemptionRoute: SelfEmployedExemptionRoute.SELF_EMPLOYED_EXEMPTION_ROUTE_JAPAN_TREATY,
          variant: SelfEmployedPointsVariant.SELF_EMPLOYED_POINTS_VARIANT_UNSPECIFIED,
          reasons: [],
        }),
        { outcome: 'EXEMPT', exemptionRoute: 'JAPAN_TREATY', variant: undefined, reasons: [] },
      ],
      ['withheld fields stay unknown', score(['scored_on']), { outcome: undefined, reasons: undefined, totalPoints: undefined }],
    ])('%s', (_case, evidence, facts) => {
      expect(toDecisionEvidence(evidence)).toMatchObject({
        type: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
        facts,
      });
    });
  });
});
