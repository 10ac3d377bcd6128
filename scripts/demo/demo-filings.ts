import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import { FamilyRelation, type FileApplicationRequest } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { AssessStartUpRequest, ScoreSelfEmployedRequest } from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import type {
  EvidenceItem,
  FileApplicationRequest as OfficeFilingRequest,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import type { WageDeclaration } from '@welkom/contracts/generated/welkom/uwv/v1/wage_declarations';
import {
  enrolmentProofItem,
  firstKnowledgeMigrantApplication,
  hostingAgreementItem,
  paidTuitionItem,
  selfEmployedScore,
  startUpAssessment,
} from '@welkom/testing';
import type { DemoPerson } from './demo-cohort';

/**
 * What the back offices send for one person of the demo: the facts their sources hold and the filings. One run's
 * identifiers carry its tag, so a second demo on the same system files new people with the same stories.
 */
export class DemoFilings {
  constructor(private readonly runTag: string) {}

  /** Passport numbers are at most 9 characters: D, the 5-character run tag and the 3-digit key. */
  subject(person: DemoPerson): SubjectIdentifier {
    return { passport: { number: `D${this.runTag}${person.key}`, issuingCountry: person.citizenship } };
  }

  reference(person: DemoPerson): string {
    return `DEMO-${this.runTag}-${person.key}`;
  }

  enrolment(person: DemoPerson, institution: 'Universiteit Leiden' | 'Technische Universiteit Delft', fullTime = true): EvidenceItem {
    const institutionBrin = institution === 'Universiteit Leiden' ? '21PB' : '21PF';
    return enrolmentProofItem(
      this.reference(person),
      this.subject(person),
      { institutionName: institution, institutionBrin, programmeName: 'MSc Computer Science', programmeCode: '60300' },
      fullTime,
    );
  }

  tuitionPaid(person: DemoPerson): EvidenceItem {
    return paidTuitionItem(this.reference(person), this.subject(person));
  }

  hosting(person: DemoPerson, organisation: string): EvidenceItem {
    return hostingAgreementItem(this.reference(person), this.subject(person), organisation);
  }

  /** A source without a connector (Delft) issues the same fact at the hub itself. */
  issued(item: EvidenceItem): IssuedEvidence {
    const base = { subject: item.subject, issuedAt: undefined, validUntil: undefined, sourceReference: item.itemReference, subUnit: '' };
    if (item.enrolmentProof)
      return { ...base, evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, payload: { enrolmentProof: item.enrolmentProof } };
    if (item.tuitionPaymentStatus)
      return {
        ...base,
        evidenceType: EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS,
        payload: { tuitionPaymentStatus: item.tuitionPaymentStatus },
      };
    if (item.hostingAgreement)
      return {
        ...base,
        evidenceType: EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT,
        payload: { researcherHostingAgreement: item.hostingAgreement },
      };
    throw new Error(`no hub evidence for item ${item.itemReference}`);
  }

  /** A filing through the university connector (Leiden's international office). */
  officeFiling(person: DemoPerson, category: PermitCategory): OfficeFilingRequest {
    return {
      applicationReference: this.reference(person),
      category,
      applicant: this.subject(person),
      citizenship: person.citizenship,
      intendedStayFrom: '2026-09-01',
      intendedStayUntil: category === PermitCategory.PERMIT_CATEGORY_STUDENT ? '2028-08-31' : '2029-08-31',
    };
  }

  /** A filing at the IND's intake, by a sponsor's or a filing channel's own back office. */
  intakeFiling(person: DemoPerson, category: PermitCategory, change: Partial<FileApplicationRequest> = {}): FileApplicationRequest {
    return {
      sponsorReference: this.reference(person),
      category,
      applicant: this.subject(person),
      citizenship: person.citizenship,
      intendedStayFrom: '2027-01-01',
      intendedStayUntil: '2029-12-31',
      knowledgeMigrant: undefined,
      collectionPoint: '',
      arrival: undefined,
      familyMember: undefined,
      ...change,
    };
  }

  knowledgeMigrantFiling(person: DemoPerson): FileApplicationRequest {
    return this.intakeFiling(person, PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, {
      arrival: {
        welcomeCentreCode: '',
        municipalityOfWork: 'Eindhoven',
        municipalityOfResidence: 'Eindhoven',
        expectedArrivalOn: '2027-01-04',
      },
      knowledgeMigrant: firstKnowledgeMigrantApplication(),
    });
  }

  familyFiling(person: DemoPerson, mainApplicationRef: string): FileApplicationRequest {
    const partner = person.story === 'FAMILY_PARTNER';
    return this.intakeFiling(person, PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER, {
      arrival: {
        welcomeCentreCode: '',
        municipalityOfWork: 'Eindhoven',
        municipalityOfResidence: 'Eindhoven',
        expectedArrivalOn: '2027-01-04',
      },
      familyMember: {
        mainApplicationRef,
        relation: partner ? FamilyRelation.FAMILY_RELATION_PARTNER : FamilyRelation.FAMILY_RELATION_MINOR_CHILD,
        birthDate: partner ? '1986-03-03' : '2019-09-09',
      },
    });
  }

  wage(person: DemoPerson): WageDeclaration {
    return {
      declarationReference: `payroll-${this.reference(person)}`,
      employee: this.subject(person),
      periodStart: '2026-01-01',
      guaranteedGrossMonthlySalaryCents: String(person.salaryEur * 100),
      employmentEndedOn: '',
    };
  }

  /** RVO's assessment of a founder's start-up; a facilitator with 51 % or more makes it negative. */
  startUp(person: DemoPerson): AssessStartUpRequest {
    return startUpAssessment({
      adviceReference: `ADVICE-${this.reference(person)}`,
      founder: this.subject(person),
      assessedOn: '2026-11-02',
      interestInStartUpBasisPoints: person.story === 'FOUNDER_MAJORITY_FACILITATOR' ? 5_100 : 1_000,
    });
  }

  founderFiling(person: DemoPerson): FileApplicationRequest {
    return this.intakeFiling(person, PermitCategory.PERMIT_CATEGORY_START_UP, {
      intendedStayUntil: '2027-12-31',
      arrival: { welcomeCentreCode: '', municipalityOfWork: 'Rotterdam', municipalityOfResidence: '', expectedArrivalOn: '2027-01-04' },
    });
  }

  /**
   * RVO's points score of a self-employed applicant's plan: 60 + 50 + 40, or a business plan of 25, below its part's
   * minimum (RVO's rules, apps/rvo/reference), which makes the score negative whatever the total.
   */
  selfEmployedScore(person: DemoPerson): ScoreSelfEmployedRequest {
    return selfEmployedScore({
      adviceReference: `SCORE-${this.reference(person)}`,
      applicant: this.subject(person),
      nationality: person.citizenship,
      points: { personalExperience: 60, businessPlan: person.story === 'SELF_EMPLOYED_BELOW_THRESHOLD' ? 25 : 50, addedValue: 40 },
    });
  }

  selfEmployedFiling(person: DemoPerson): FileApplicationRequest {
    return this.intakeFiling(person, PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED, {
      intendedStayUntil: '2028-12-31',
      arrival: { welcomeCentreCode: '', municipalityOfWork: 'Utrecht', municipalityOfResidence: '', expectedArrivalOn: '2027-01-11' },
    });
  }

  visaSticker(person: DemoPerson): string {
    return `NLD${this.runTag}${person.key}`;
  }
}
