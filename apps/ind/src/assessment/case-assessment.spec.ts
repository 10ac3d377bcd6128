import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { DecisionEvidence } from '../decisions/decision-evidence';
import { bundledDecisionRules } from '../decisions/decision-rules';
import { bundledRecognisedSponsorRegister } from '../sponsors/recognised-sponsor.register';
import { bundledMvvExemptionReference } from '@welkom/reference-data';
import { type CaseSnapshot, evidenceNeeded, type EvidenceLookup, planAssessment } from './case-assessment';

const S = ApplicationStatus;
const LEIDEN = '00000003281234560000';
const NEVER_RECOGNISED = '00000003123456780000';
const context = { rules: bundledDecisionRules(), sponsors: bundledRecognisedSponsorRegister(), today: '2026-11-23' };
const HASH = 'a'.repeat(64);

function studentCase(status: ApplicationStatus, sponsorOin = LEIDEN): CaseSnapshot {
  return {
    status,
    application: {
      applicationRef: 'case-1',
      category: PermitCategory.PERMIT_CATEGORY_STUDENT,
      receivedOn: '2026-11-20',
      sponsorOin,
      intendedStay: { from: '2026-09-01', until: '2028-08-31' },
    },
  };
}

function researcherCase(status: ApplicationStatus): CaseSnapshot {
  return {
    status,
    application: {
      applicationRef: 'case-2',
      category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
      receivedOn: '2026-11-20',
      sponsorOin: LEIDEN,
      intendedStay: { from: '2026-09-01', until: '2029-08-31' },
    },
  };
}

const provenance = { contentCommitment: HASH, issuerOin: LEIDEN, issuedOn: '2026-11-01', validUntil: '2027-11-01', revoked: false };

function enrolment(facts: Partial<{ status: 'ADMITTED' | 'ENROLLED' | 'DEREGISTERED'; fullTime: boolean }> = {}): EvidenceLookup {
  const evidence: DecisionEvidence = {
    ...provenance,
    evidenceId: 'enrolment-1',
    type: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
    facts: { status: 'ADMITTED', fullTime: true, programmeStartDate: '2026-09-01', expectedEndDate: '2028-08-31', ...facts },
  };
  return { kind: 'disclosed', evidence, subjectPseudonym: 'subj_x' };
}

function tuition(payment: 'PAID_IN_FULL' | 'NOT_PAID'): EvidenceLookup {
  return {
    kind: 'disclosed',
    evidence: {
      ...provenance,
      evidenceId: 'tuition-1',
      type: EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS,
      facts: { payment, academicYear: '2026-2027' },
    },
    subjectPseudonym: 'subj_x',
  };
}

function hosting(meetsSalaryCriterion: boolean): EvidenceLookup {
  return {
    kind: 'disclosed',
    evidence: {
      ...provenance,
      evidenceId: 'hosting-1',
      type: EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT,
      facts: { startDate: '2026-09-01', endDate: '2029-08-31', meetsSalaryCriterion },
    },
    subjectPseudonym: 'subj_x',
  };
}

const pending = (requestId: string): EvidenceLookup => ({
  kind: 'pending',
  requestId,
  requestedAt: new Date('2026-11-20T10:00:00Z'),
  deadline: new Date('2026-11-23T10:00:00Z'),
  subjectPseudonym: 'subj_x',
});

const lookups = (entries: [EvidenceType, EvidenceLookup][]) => new Map(entries);

describe('what the IND asks the hub for', () => {
  it('asks for the enrolment and, already, the tuition status for an open student file', () => {
    expect(evidenceNeeded(PermitCategory.PERMIT_CATEGORY_STUDENT, S.APPLICATION_STATUS_SUBMITTED, true)).toEqual([
      EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
      EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS,
    ]);
  });

  it('asks only for what issuance still needs once a student is granted', () => {
    expect(evidenceNeeded(PermitCategory.PERMIT_CATEGORY_STUDENT, S.APPLICATION_STATUS_GRANTED, true)).toEqual([
      EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS,
    ]);
  });

  it('asks for the hosting agreement for a researcher, and nothing after the grant', () => {
    expect(evidenceNeeded(PermitCategory.PERMIT_CATEGORY_RESEARCHER, S.APPLICATION_STATUS_EVIDENCE_PENDING, true)).toEqual([
      EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT,
    ]);
    expect(evidenceNeeded(PermitCategory.PERMIT_CATEGORY_RESEARCHER, S.APPLICATION_STATUS_GRANTED, true)).toEqual([]);
  });

  it('looks nobody up for a sponsor that is not recognised, nor for a decided case', () => {
    expect(evidenceNeeded(PermitCategory.PERMIT_CATEGORY_STUDENT, S.APPLICATION_STATUS_SUBMITTED, false)).toEqual([]);
    expect(evidenceNeeded(PermitCategory.PERMIT_CATEGORY_STUDENT, S.APPLICATION_STATUS_REFUSED, true)).toEqual([]);
    expect(evidenceNeeded(PermitCategory.PERMIT_CATEGORY_STUDENT, S.APPLICATION_STATUS_PERMIT_ISSUED, true)).toEqual([]);
  });
});

describe('assessing a case from what the hub answered', () => {
  it('grants and issues the permit at once when the hub holds the enrolment and the paid tuition', () => {
    const plan = planAssessment(
      studentCase(S.APPLICATION_STATUS_SUBMITTED),
      lookups([
        [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, enrolment()],
        [EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS, tuition('PAID_IN_FULL')],
      ]),
      context,
    );
    expect(plan.transitions.map((step) => step.to)).toEqual([S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED]);
    expect(plan.complete).toBe(true);
    expect(plan.transitions[0].decision).toMatchObject({
      kind: 'APPLICATION',
      ruleVersion: 'decision-rules.v1',
      evidenceUsed: [{ evidenceId: 'enrolment-1', evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, contentCommitment: HASH }],
    });
    expect(plan.transitions[1].decision?.evidenceUsed.map((used) => used.evidenceId)).toEqual(['tuition-1']);
  });

  it('grants but holds the permit back while the tuition is unpaid', () => {
    const plan = planAssessment(
      studentCase(S.APPLICATION_STATUS_SUBMITTED),
      lookups([
        [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, enrolment()],
        [EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS, tuition('NOT_PAID')],
      ]),
      context,
    );
    expect(plan.transitions.map((step) => step.to)).toEqual([S.APPLICATION_STATUS_GRANTED]);
  });

  it('waits (once) for an enrolment proof the source has not sent yet, and counts the file as incomplete', () => {
    const waiting = lookups([
      [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, pending('request-1')],
      [EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS, pending('request-2')],
    ]);
    const first = planAssessment(studentCase(S.APPLICATION_STATUS_SUBMITTED), waiting, context);
    expect(first.transitions.map((step) => [step.to, step.reasonCode])).toEqual([
      [S.APPLICATION_STATUS_EVIDENCE_PENDING, 'ENROLMENT_PROOF_MISSING'],
    ]);
    expect(first.complete).toBe(false);
    expect(planAssessment(studentCase(S.APPLICATION_STATUS_EVIDENCE_PENDING), waiting, context).transitions).toEqual([]);
  });

  it('refuses a deregistered student with the reason code and the evidence it rests on', () => {
    const plan = planAssessment(
      studentCase(S.APPLICATION_STATUS_EVIDENCE_PENDING),
      lookups([[EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, enrolment({ status: 'DEREGISTERED' })]]),
      context,
    );
    expect(plan.transitions.map((step) => [step.to, step.reasonCode])).toEqual([[S.APPLICATION_STATUS_REFUSED, 'ENROLMENT_NOT_ACTIVE']]);
    expect(plan.transitions[0].decision?.evidenceUsed.map((used) => used.evidenceId)).toEqual(['enrolment-1']);
  });

  it('refuses an application of a sponsor that is not recognised, with nothing looked up', () => {
    const plan = planAssessment(studentCase(S.APPLICATION_STATUS_SUBMITTED, NEVER_RECOGNISED), lookups([]), context);
    expect(plan.transitions.map((step) => [step.to, step.reasonCode])).toEqual([[S.APPLICATION_STATUS_REFUSED, 'SPONSOR_NOT_RECOGNISED']]);
    expect(plan.transitions[0].decision?.evidenceUsed).toEqual([]);
  });

  it('issues the permit of a granted student once the paid tuition arrives', () => {
    const plan = planAssessment(
      studentCase(S.APPLICATION_STATUS_GRANTED),
      lookups([[EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS, tuition('PAID_IN_FULL')]]),
      context,
    );
    expect(plan.transitions.map((step) => step.to)).toEqual([S.APPLICATION_STATUS_PERMIT_ISSUED]);
    expect(plan.transitions[0].decision?.kind).toBe('PERMIT_ISSUANCE');
  });

  it('keeps a granted student waiting when the hub could not give the tuition status', () => {
    const refused: EvidenceLookup = { kind: 'refused', reason: 'NO_GRANT', message: 'no grant' };
    expect(
      planAssessment(
        studentCase(S.APPLICATION_STATUS_GRANTED),
        lookups([[EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS, refused]]),
        context,
      ).transitions,
    ).toEqual([]);
  });

  it('grants a researcher with a hosting agreement and issues the permit; refuses one whose pay is too low', () => {
    const granted = planAssessment(
      researcherCase(S.APPLICATION_STATUS_SUBMITTED),
      lookups([[EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT, hosting(true)]]),
      context,
    );
    expect(granted.transitions.map((step) => step.to)).toEqual([S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED]);
    const refused = planAssessment(
      researcherCase(S.APPLICATION_STATUS_SUBMITTED),
      lookups([[EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT, hosting(false)]]),
      context,
    );
    expect(refused.transitions.map((step) => [step.to, step.reasonCode])).toEqual([
      [S.APPLICATION_STATUS_REFUSED, 'RESEARCHER_MEANS_NOT_MET'],
    ]);
  });

  it('does nothing to a case that is already decided', () => {
    expect(
      planAssessment(
        studentCase(S.APPLICATION_STATUS_REFUSED),
        lookups([[EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, enrolment()]]),
        context,
      ).transitions,
    ).toEqual([]);
  });
});

describe('the MVV leg after a grant (DOMAIN.md §2.6, §2.2)', () => {
  const withExemptions = { ...context, mvvExemptions: bundledMvvExemptionReference() };
  const paid = new Map([
    [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, enrolment()],
    [EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS, tuition('PAID_IN_FULL')],
  ]);
  const withVisa = (status: ApplicationStatus, citizenship: string, enteredOn: string | null = null): CaseSnapshot => ({
    ...studentCase(status),
    entryVisa: { citizenship, enteredOn },
  });

  it('authorises the MVV instead of issuing the permit when the nationality needs one, and records the table it used', () => {
    const plan = planAssessment(withVisa(S.APPLICATION_STATUS_SUBMITTED, 'KE'), paid, withExemptions);
    expect(plan.transitions.map((step) => step.to)).toEqual([S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_MVV_AUTHORISED]);
    expect(plan.transitions[0].decision?.findings).toContain('MVV_REQUIRED (mvv-exemptions.2026-1)');
  });

  it('goes straight on to the permit for an exempt nationality, naming the ground', () => {
    const plan = planAssessment(withVisa(S.APPLICATION_STATUS_SUBMITTED, 'US'), paid, withExemptions);
    expect(plan.transitions.map((step) => step.to)).toEqual([S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED]);
    expect(plan.transitions[0].decision?.findings).toContain('MVV_EXEMPT_NATIONALITY_LISTED_NATIONALITY (mvv-exemptions.2026-1)');
  });

  it('issues the permit of an MVV holder only after entry', () => {
    expect(planAssessment(withVisa(S.APPLICATION_STATUS_MVV_ISSUED, 'KE'), paid, withExemptions).transitions).toEqual([]);
    const entered = planAssessment(withVisa(S.APPLICATION_STATUS_MVV_ISSUED, 'KE', '2026-11-22'), paid, withExemptions);
    expect(entered.transitions.map((step) => step.to)).toEqual([S.APPLICATION_STATUS_PERMIT_ISSUED]);
  });
});
