import { EnrolmentStatus, StudyLevel, TuitionPayment } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { EvidenceItem, FileApplicationRequest } from '@welkom/contracts/generated/welkom/university/v1/international_office';

/** What Leiden's office pushes for a full-time MSc student who has paid: enough for a permit without asking again. */
export function leidenStudentProofs(reference: string, subject: SubjectIdentifier): EvidenceItem[] {
  return [
    {
      itemReference: `enrolment-${reference}`,
      subject,
      enrolmentProof: {
        institutionName: 'Universiteit Leiden',
        institutionBrin: '21PB',
        programmeName: 'MSc Physics',
        programmeCode: '60207',
        studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
        enrolmentStatus: EnrolmentStatus.ENROLMENT_STATUS_ADMITTED,
        academicYear: '2026-2027',
        startDate: '2026-09-01',
        expectedEndDate: '2028-08-31',
        fullTime: true,
      },
      issuedAt: undefined,
      validUntil: undefined,
    },
    {
      itemReference: `tuition-${reference}`,
      subject,
      tuitionPaymentStatus: {
        academicYear: '2026-2027',
        payment: TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL,
        paidUntilDate: '2027-08-31',
      },
      issuedAt: undefined,
      validUntil: undefined,
    },
  ];
}

/** The office's filing of that student (an MVV-exempt US citizen, so the case runs straight to the permit). */
export function leidenStudentFiling(reference: string, subject: SubjectIdentifier): FileApplicationRequest {
  return {
    applicationReference: reference,
    category: PermitCategory.PERMIT_CATEGORY_STUDENT,
    applicant: subject,
    citizenship: 'US',
    intendedStayFrom: '2026-09-01',
    intendedStayUntil: '2028-08-31',
  };
}

/** Leiden's hosting agreement for a researcher (Directive (EU) 2016/801), meeting the salary criterion. */
export function leidenResearcherProof(reference: string, subject: SubjectIdentifier): EvidenceItem {
  return {
    itemReference: `hosting-${reference}`,
    subject,
    hostingAgreement: {
      researchOrganisationName: 'Universiteit Leiden',
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
