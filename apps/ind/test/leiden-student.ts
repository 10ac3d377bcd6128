import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { EvidenceItem, FileApplicationRequest } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { enrolmentProofItem, hostingAgreementItem, paidTuitionItem } from '@welkom/testing';

/** Leiden's MSc Physics, the programme of the specs' Leiden students. */
export const LEIDEN_PHYSICS = {
  institutionName: 'Universiteit Leiden',
  institutionBrin: '21PB',
  programmeName: 'MSc Physics',
  programmeCode: '60207',
};

/** What Leiden's office pushes for a full-time MSc student who has paid: enough for a permit without asking again. */
export function leidenStudentProofs(reference: string, subject: SubjectIdentifier): EvidenceItem[] {
  return [enrolmentProofItem(reference, subject, LEIDEN_PHYSICS), paidTuitionItem(reference, subject)];
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
  return hostingAgreementItem(reference, subject, 'Universiteit Leiden');
}
