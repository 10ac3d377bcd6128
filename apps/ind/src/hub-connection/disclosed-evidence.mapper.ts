import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { DisclosedEvidence } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { dutchDateOf, fromTimestamp, isIsoDate, type IsoDate } from '@welkom/platform';
import { salaryCriterionOf } from '@welkom/reference-data';
import type { DecisionEvidence } from '../decisions/decision-evidence';
import { COMPLETION_KINDS, type CompletionKind } from '../orientation-year/orientation-year.reference';
import { EXEMPTION_ROUTES } from '../self-employed/self-employed.reference';
import { ENROLMENT_STATUSES, type EnrolmentStatus, TUITION_PAYMENTS, type TuitionPayment } from '../decisions/decision-rules';

/**
 * Evidence as the hub disclosed it, reduced to what the decision rules read. A fact is set only when the hub
 * lists its field in `disclosed_fields`: an undisclosed field arrives as its default value, and a withheld
 * `false` must never pass for a real one (decision-evidence.ts).
 */
export function toDecisionEvidence(disclosed: DisclosedEvidence): DecisionEvidence | undefined {
  const reference = disclosed.reference;
  const issuedAt = fromTimestamp(disclosed.issuedAt);
  const validUntil = fromTimestamp(disclosed.validUntil);
  // Absent or malformed (outside the protobuf range): the IND cannot tell when the fact was true, so it is unreadable.
  if (!reference || !(issuedAt instanceof Date) || !(validUntil instanceof Date)) return undefined;
  const shown = new Set(disclosed.disclosedFields ?? []);
  const field = <T>(name: string, value: T): T | undefined => (shown.has(name) ? value : undefined);
  const date = (name: string, value: string | undefined): IsoDate | undefined => {
    const shownValue = field(name, value);
    return shownValue !== undefined && isIsoDate(shownValue) ? shownValue : undefined;
  };
  const provenance = {
    evidenceId: reference.evidenceId,
    contentCommitment: reference.contentCommitment,
    issuerOin: disclosed.issuer?.oin ?? '',
    issuedOn: dutchDateOf(issuedAt),
    // valid_until is the first instant the fact may no longer be relied on; the last day is the one before it.
    validUntil: dutchDateOf(new Date(validUntil.getTime() - 1)),
    revoked: false,
  };
  const payload = disclosed.payload;
  switch (reference.evidenceType) {
    case EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF: {
      const proof = payload?.enrolmentProof;
      return {
        ...provenance,
        type: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
        facts: {
          status: enumFact<EnrolmentStatus>(field('enrolment_status', proof?.enrolmentStatus), 'ENROLMENT_STATUS_', ENROLMENT_STATUSES),
          fullTime: field('full_time', proof?.fullTime),
          programmeStartDate: date('start_date', proof?.startDate),
          expectedEndDate: date('expected_end_date', proof?.expectedEndDate),
        },
      };
    }
    case EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS: {
      const tuition = payload?.tuitionPaymentStatus;
      return {
        ...provenance,
        type: EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS,
        facts: {
          payment: enumFact<TuitionPayment>(field('payment', tuition?.payment), 'TUITION_PAYMENT_', TUITION_PAYMENTS),
          academicYear: field('academic_year', tuition?.academicYear),
        },
      };
    }
    case EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT: {
      const agreement = payload?.researcherHostingAgreement;
      return {
        ...provenance,
        type: EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT,
        facts: {
          startDate: date('start_date', agreement?.startDate),
          endDate: date('end_date', agreement?.endDate),
          meetsSalaryCriterion: field('meets_salary_criterion', agreement?.meetsSalaryCriterion),
        },
      };
    }
    case EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD: {
      const wage = payload?.wageMeetsThreshold;
      return {
        ...provenance,
        type: EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD,
        facts: {
          meetsThreshold: field('meets_threshold', wage?.meetsThreshold),
          criterion: salaryCriterionOf(field('category', wage?.category)),
          thresholdReferenceDate: date('threshold_reference_date', wage?.thresholdReferenceDate),
          thresholdTableVersion: field('threshold_table_version', wage?.thresholdTableVersion),
        },
      };
    }
    case EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED: {
      const degree = payload?.degreeAwarded;
      return {
        ...provenance,
        type: EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED,
        facts: {
          completionKind: enumFact<CompletionKind>(field('completion_kind', degree?.completionKind), 'COMPLETION_KIND_', COMPLETION_KINDS),
          completedOn: date('completed_on', degree?.completedOn),
          programmeMonths: field('programme_months', degree?.programmeMonths),
        },
      };
    }
    case EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT: {
      const advice = payload?.startUpAssessment;
      const reasons = field('reasons', advice?.reasons);
      return {
        ...provenance,
        type: EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT,
        facts: {
          outcome: enumFact(field('outcome', advice?.outcome), 'START_UP_ASSESSMENT_OUTCOME_', ['POSITIVE', 'NEGATIVE'] as const),
          assessedOn: date('assessed_on', advice?.assessedOn),
          facilitatorName: field('facilitator_name', advice?.facilitatorName),
          adviceReference: field('advice_reference', advice?.adviceReference),
          reasons: reasons?.map((reason) => reason.replace(/^START_UP_ADVICE_REASON_/, '')),
        },
      };
    }
    case EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT: {
      const score = payload?.selfEmployedPointsAssessment;
      const reasons = field('reasons', score?.reasons);
      return {
        ...provenance,
        type: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
        facts: {
          outcome: enumFact(field('outcome', score?.outcome), 'SELF_EMPLOYED_POINTS_OUTCOME_', ['POSITIVE', 'NEGATIVE', 'EXEMPT'] as const),
          scoredOn: date('scored_on', score?.scoredOn),
          adviceReference: field('advice_reference', score?.adviceReference),
          variant: enumFact(field('variant', score?.variant), 'SELF_EMPLOYED_POINTS_VARIANT_', ['STANDARD', 'HIGHLY_EDUCATED'] as const),
          exemptionRoute: enumFact(field('exemption_route', score?.exemptionRoute), 'SELF_EMPLOYED_EXEMPTION_ROUTE_', EXEMPTION_ROUTES),
          totalPoints: field('total_points', score?.totalPoints),
          reasons: reasons?.map((reason) => reason.replace(/^SELF_EMPLOYED_POINTS_REASON_/, '')),
          ruleVersion: field('rule_version', score?.ruleVersion),
        },
      };
    }
    default:
      return undefined;
  }
}

/** "ENROLMENT_STATUS_ADMITTED" → "ADMITTED"; anything the rules do not know becomes "not disclosed". */
function enumFact<T extends string>(value: string | undefined, prefix: string, known: readonly T[]): T | undefined {
  if (value === undefined || !value.startsWith(prefix)) return undefined;
  const name = value.slice(prefix.length) as T;
  return known.includes(name) ? name : undefined;
}
