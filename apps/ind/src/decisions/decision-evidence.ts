import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { IsoDate } from '@welkom/platform';
import type { SalaryCriterion, SalaryThresholdReference } from '@welkom/reference-data';
import type { KnowledgeMigrantDetails } from '../knowledge-migrants/knowledge-migrant.command';
import type { SponsorPurpose } from '../sponsors/recognised-sponsor.register';
import type { EnrolmentStatus, TuitionPayment } from './decision-rules';
import type { CompletionKind } from '../orientation-year/orientation-year.reference';
import type { ExemptionRoute } from '../self-employed/self-employed.reference';

/**
 * Evidence as the hub disclosed it to the IND (DisclosedEvidence), reduced to what the rules read. The mapper
 * at the edge sets a fact only when the hub listed it in `disclosed_fields`: an absent fact means "not
 * disclosed", never a default value, so a rule cannot mistake a withheld `false` for a real one.
 */
interface EvidenceProvenance {
  readonly evidenceId: string;
  /** The hub's salted commitment (hex) to the evidence: which version of the fact the decision relied on. */
  readonly contentCommitment: string;
  readonly issuerOin: string;
  readonly issuedOn: IsoDate;
  /** Last day the fact may be relied on. */
  readonly validUntil: IsoDate;
  readonly revoked: boolean;
}

export interface EnrolmentFacts {
  readonly status?: EnrolmentStatus;
  readonly fullTime?: boolean;
  readonly programmeStartDate?: IsoDate;
  readonly expectedEndDate?: IsoDate;
}

export interface TuitionFacts {
  readonly payment?: TuitionPayment;
  readonly academicYear?: string;
}

export interface HostingAgreementFacts {
  readonly startDate?: IsoDate;
  readonly endDate?: IsoDate;
  readonly meetsSalaryCriterion?: boolean;
}

export type EnrolmentEvidence = EvidenceProvenance & {
  readonly type: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF;
  readonly facts: EnrolmentFacts;
};
export type TuitionEvidence = EvidenceProvenance & {
  readonly type: EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS;
  readonly facts: TuitionFacts;
};
export type HostingAgreementEvidence = EvidenceProvenance & {
  readonly type: EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT;
  readonly facts: HostingAgreementFacts;
};

/** UWV's derived wage fact (issue 13): yes/no against one criterion on one day of one table, never the salary. */
export interface WageFacts {
  readonly meetsThreshold?: boolean;
  readonly criterion?: SalaryCriterion;
  readonly thresholdReferenceDate?: IsoDate;
  readonly thresholdTableVersion?: string;
}

export type WageEvidence = EvidenceProvenance & {
  readonly type: EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD;
  readonly facts: WageFacts;
};

/** The university's DEGREE_AWARDED (issue 15): the completion an orientation year rests on. */
export interface DegreeFacts {
  readonly completionKind?: CompletionKind;
  readonly completedOn?: IsoDate;
  readonly programmeMonths?: number;
}

export type DegreeAwardedEvidence = EvidenceProvenance & {
  readonly type: EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED;
  readonly facts: DegreeFacts;
};

/** RVO's START_UP_ASSESSMENT advice (issue 15): positive or negative with RVO's grounds, never the business plan. */
export interface StartUpAdviceFacts {
  readonly outcome?: 'POSITIVE' | 'NEGATIVE';
  readonly assessedOn?: IsoDate;
  readonly facilitatorName?: string;
  readonly adviceReference?: string;
  /** RVO's grounds of a negative advice, e.g. FACILITATOR_MAJORITY_INTEREST. */
  readonly reasons?: readonly string[];
}

export type StartUpAssessmentEvidence = EvidenceProvenance & {
  readonly type: EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT;
  readonly facts: StartUpAdviceFacts;
};

/** RVO's SELF_EMPLOYED_POINTS_ASSESSMENT (issue 15): the points score or the exemption route, never the business plan. */
export interface SelfEmployedScoreFacts {
  readonly outcome?: 'POSITIVE' | 'NEGATIVE' | 'EXEMPT';
  readonly scoredOn?: IsoDate;
  readonly adviceReference?: string;
  readonly variant?: 'STANDARD' | 'HIGHLY_EDUCATED';
  readonly exemptionRoute?: ExemptionRoute;
  readonly totalPoints?: number;
  /** RVO's grounds of a negative score, e.g. BUSINESS_PLAN_BELOW_MINIMUM. */
  readonly reasons?: readonly string[];
  readonly ruleVersion?: string;
}

export type SelfEmployedScoreEvidence = EvidenceProvenance & {
  readonly type: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT;
  readonly facts: SelfEmployedScoreFacts;
};

export type DecisionEvidence =
  | EnrolmentEvidence
  | TuitionEvidence
  | HostingAgreementEvidence
  | WageEvidence
  | DegreeAwardedEvidence
  | StartUpAssessmentEvidence
  | SelfEmployedScoreEvidence;

/** The application as the IND registered it; the sponsor filed it (for study and research it must). */
export interface ApplicationForDecision {
  readonly applicationRef: string;
  readonly category: PermitCategory;
  readonly receivedOn: IsoDate;
  readonly sponsorOin: string;
  /** The stay the permit is asked for, both days inclusive. */
  readonly intendedStay: { readonly from: IsoDate; readonly until: IsoDate };
  /** Highly skilled migrant and EU Blue Card: the filed details the income criterion rests on. */
  readonly knowledgeMigrant?: KnowledgeMigrantDetails | null;
}

/** What `decide` needs to know about sponsors; the recognised-sponsor register provides it. */
export interface SponsorRecognitionLookup {
  readonly version: string;
  isRecognisedFor(oin: string, purpose: SponsorPurpose, onDate: IsoDate): boolean;
  /** The register purpose a category needs; without it a knowledge-migrant sponsor counts as not recognised. */
  purposeForCategory?(category: PermitCategory): SponsorPurpose | undefined;
}

export interface DecisionContext {
  /** Today, as the caller's clock says: evidence validity and sponsor recognition are judged on it. */
  readonly decidedOn: IsoDate;
  readonly sponsors: SponsorRecognitionLookup;
  /** The income criteria (libs/reference-data); knowledge-migrant decisions cannot be taken without them. */
  readonly salaryThresholds?: SalaryThresholdReference;
}
