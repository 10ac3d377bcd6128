import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import {
  BiometricsCaptured,
  DegreeAwarded,
  EnrolmentProof,
  type EvidencePayload,
  LabourMarketTestOutcome,
  MvvIssued,
  RecognisedSponsorStatus,
  ResearcherHostingAgreement,
  ResidencePermitDecision,
  SelfEmployedPointsAssessment,
  StartUpAssessment,
  TuitionPaymentStatus,
  WageMeetsThreshold,
} from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { ProtobufCodec } from '@welkom/events';

export type IssuableEvidenceType = Exclude<EvidenceType, EvidenceType.EVIDENCE_TYPE_UNSPECIFIED>;
export type PayloadMember = keyof EvidencePayload;
/** One payload message as a plain object: the catalogue works on field names, not on the ten types. */
export type PayloadFields = Record<string, unknown>;

/** Ties an evidence type to its member of the EvidencePayload oneof and to the generated codec. */
export interface PayloadBinding {
  readonly member: PayloadMember;
  readonly messageName: string;
  readonly codec: ProtobufCodec<PayloadFields>;
}

function bind<K extends PayloadMember>(
  member: K,
  messageName: string,
  codec: ProtobufCodec<NonNullable<EvidencePayload[K]>>,
): PayloadBinding {
  // The binding table below pairs each member with its own codec, so widening the type here is safe.
  return { member, messageName, codec: codec as unknown as ProtobufCodec<PayloadFields> };
}

/**
 * Which payload message belongs to which evidence type. This is code, not reference data: it ties the
 * contract's enum to generated types. The catalogue file names the same message, and the loader refuses a
 * catalogue that disagrees with this table.
 */
export const PAYLOAD_BINDINGS: Readonly<Record<IssuableEvidenceType, PayloadBinding>> = {
  [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF]: bind('enrolmentProof', 'welkom.evidence.v1.EnrolmentProof', EnrolmentProof),
  [EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS]: bind(
    'tuitionPaymentStatus',
    'welkom.evidence.v1.TuitionPaymentStatus',
    TuitionPaymentStatus,
  ),
  [EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT]: bind(
    'researcherHostingAgreement',
    'welkom.evidence.v1.ResearcherHostingAgreement',
    ResearcherHostingAgreement,
  ),
  [EvidenceType.EVIDENCE_TYPE_RECOGNISED_SPONSOR_STATUS]: bind(
    'recognisedSponsorStatus',
    'welkom.evidence.v1.RecognisedSponsorStatus',
    RecognisedSponsorStatus,
  ),
  [EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT]: bind('startUpAssessment', 'welkom.evidence.v1.StartUpAssessment', StartUpAssessment),
  [EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD]: bind(
    'wageMeetsThreshold',
    'welkom.evidence.v1.WageMeetsThreshold',
    WageMeetsThreshold,
  ),
  [EvidenceType.EVIDENCE_TYPE_LABOUR_MARKET_TEST_OUTCOME]: bind(
    'labourMarketTestOutcome',
    'welkom.evidence.v1.LabourMarketTestOutcome',
    LabourMarketTestOutcome,
  ),
  [EvidenceType.EVIDENCE_TYPE_BIOMETRICS_CAPTURED]: bind('biometricsCaptured', 'welkom.evidence.v1.BiometricsCaptured', BiometricsCaptured),
  [EvidenceType.EVIDENCE_TYPE_MVV_ISSUED]: bind('mvvIssued', 'welkom.evidence.v1.MvvIssued', MvvIssued),
  [EvidenceType.EVIDENCE_TYPE_RESIDENCE_PERMIT_DECISION]: bind(
    'residencePermitDecision',
    'welkom.evidence.v1.ResidencePermitDecision',
    ResidencePermitDecision,
  ),
  [EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED]: bind('degreeAwarded', 'welkom.evidence.v1.DegreeAwarded', DegreeAwarded),
  [EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT]: bind(
    'selfEmployedPointsAssessment',
    'welkom.evidence.v1.SelfEmployedPointsAssessment',
    SelfEmployedPointsAssessment,
  ),
};

export const PAYLOAD_MEMBERS: readonly PayloadMember[] = Object.values(PAYLOAD_BINDINGS).map((binding) => binding.member);

export function isIssuableEvidenceType(value: unknown): value is IssuableEvidenceType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PAYLOAD_BINDINGS, value);
}
