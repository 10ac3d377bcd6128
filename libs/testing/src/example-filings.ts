import { EnrolmentStatus, StudyLevel, TuitionPayment } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import { type KnowledgeMigrantDetails, SalaryReferenceSituation } from '@welkom/contracts/generated/welkom/ind/v1/knowledge_migrant';
import type {
  AssessStartUpRequest,
  InnovationJudgement,
  ScoreSelfEmployedRequest,
} from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import type { EvidenceItem } from '@welkom/contracts/generated/welkom/university/v1/international_office';

/**
 * What the parties' back offices send, as examples the demo (scripts/demo) and the specs share: one shape per kind of
 * filing, with the facts that make it pass, and the few values a story or a spec varies as arguments.
 */

export interface ProgrammeOfStudy {
  institutionName: string;
  institutionBrin: string;
  programmeName: string;
  programmeCode: string;
}

/** An admitted student's enrolment in a two-year master's starting this September, as the office pushes it. */
export function enrolmentProofItem(
  reference: string,
  subject: SubjectIdentifier,
  programme: ProgrammeOfStudy,
  fullTime = true,
): EvidenceItem {
  return {
    itemReference: `enrolment-${reference}`,
    subject,
    enrolmentProof: {
      ...programme,
      studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
      enrolmentStatus: EnrolmentStatus.ENROLMENT_STATUS_ADMITTED,
      academicYear: '2026-2027',
      startDate: '2026-09-01',
      expectedEndDate: '2028-08-31',
      fullTime,
    },
    issuedAt: undefined,
    validUntil: undefined,
  };
}

/** Tuition for the year paid in full. */
export function paidTuitionItem(reference: string, subject: SubjectIdentifier): EvidenceItem {
  return {
    itemReference: `tuition-${reference}`,
    subject,
    tuitionPaymentStatus: {
      academicYear: '2026-2027',
      payment: TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL,
      paidUntilDate: '2027-08-31',
    },
    issuedAt: undefined,
    validUntil: undefined,
  };
}

/** A research organisation's hosting agreement (Directive (EU) 2016/801), meeting the salary criterion. */
export function hostingAgreementItem(reference: string, subject: SubjectIdentifier, researchOrganisationName: string): EvidenceItem {
  return {
    itemReference: `hosting-${reference}`,
    subject,
    hostingAgreement: {
      researchOrganisationName,
      agreementReference: `HA-${reference}`,
      researchTitle: 'Quantum materials',
      startDate: '2026-09-01',
      endDate: '2029-08-31',
      meetsSalaryCriterion: true,
    },
    issuedAt: undefined,
    validUntil: undefined,
  };
}

/**
 * A knowledge migrant's first application on a 36-month contract, outside the ICT and researcher rules. Born in 1984
 * unless said otherwise: 30 or over on the reference date, so the 30+ income criterion applies.
 */
export function firstKnowledgeMigrantApplication(birthDate = '1984-05-05', degreeObtainedOn = '2008-06-30'): KnowledgeMigrantDetails {
  return {
    situation: SalaryReferenceSituation.SALARY_REFERENCE_SITUATION_FIRST_APPLICATION,
    newContractStartsOn: '',
    birthDate,
    degreeObtainedOn,
    afterOrientationYear: false,
    firstHsmPermitAndEmployerChangesBefore30: false,
    researcher: false,
    contractMonths: 36,
    relevantExperienceYears: 0,
    ictProfession: false,
    ictExperienceYearsWithinWindow: 0,
  };
}

/**
 * RVO's assessment of a founder with a step plan and new technology, guided by a facilitator in good standing
 * (YES!Delft); the facilitator's interest in the start-up is the story's (51 % or more makes the advice negative).
 */
export function startUpAssessment(request: {
  adviceReference: string;
  founder: SubjectIdentifier;
  assessedOn: string;
  interestInStartUpBasisPoints: number;
  innovation?: InnovationJudgement;
}): AssessStartUpRequest {
  return {
    adviceReference: request.adviceReference,
    founder: request.founder,
    assessedOn: request.assessedOn,
    innovation: request.innovation ?? { newToTheNetherlands: false, newTechnology: true, newOrganisationalApproach: false },
    hasStepPlan: true,
    founderRegisteredInKvk: true,
    facilitator: {
      kvkNumber: '12345678',
      name: 'YES!Delft',
      registeredInKvk: true,
      hasStartUpGuidanceExperience: true,
      bankrupt: false,
      negativeEquity: false,
      interestInStartUpBasisPoints: request.interestInStartUpBasisPoints,
      kinshipDegreeToFounder: 0,
    },
  };
}

/** RVO's points score of a self-employed applicant's plan on the standard thresholds (not highly educated). */
export function selfEmployedScore(request: {
  adviceReference: string;
  applicant: SubjectIdentifier;
  nationality: string;
  points: { personalExperience: number; businessPlan: number; addedValue: number };
}): ScoreSelfEmployedRequest {
  return {
    adviceReference: request.adviceReference,
    applicant: request.applicant,
    scoredOn: '2026-11-02',
    nationality: request.nationality,
    euLongTermResidentElsewhere: false,
    highlyEducated: false,
    completedStartUpTrajectoryMonths: 0,
    personalExperiencePoints: request.points.personalExperience,
    businessPlanPoints: request.points.businessPlan,
    addedValuePoints: request.points.addedValue,
  };
}
