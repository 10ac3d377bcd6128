import { z } from 'zod';
import { parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import decisionRulesJson from '../../reference/decision-rules.v1.json';

export const DECISION_RULES_FILE = 'decision-rules.v1.json';

/** Stable codes on decisions (documented, with their outcome, in the reference file). */
export const DECISION_REASON_CODES = [
  'SPONSOR_NOT_RECOGNISED',
  'ENROLMENT_PROOF_MISSING',
  'ENROLMENT_NOT_ACTIVE',
  'PROGRAMME_NOT_FULL_TIME',
  'ENROLMENT_NOT_VALID_FOR_PERIOD',
  'HOSTING_AGREEMENT_MISSING',
  'HOSTING_AGREEMENT_NOT_VALID_FOR_PERIOD',
  'RESEARCHER_MEANS_NOT_MET',
  'EVIDENCE_FIELD_NOT_DISCLOSED',
  'TUITION_PAYMENT_NOT_PROVEN',
] as const;
export type DecisionReasonCode = (typeof DECISION_REASON_CODES)[number];

/**
 * What each reason code does to a decision. Fixed in code because the policy's control flow depends on it;
 * the reference file documents the same mapping, and loading refuses a file whose documentation disagrees.
 */
export const OUTCOME_OF_REASON: Record<DecisionReasonCode, 'REFUSED' | 'INCOMPLETE' | 'PERMIT_ISSUANCE_BLOCKED'> = {
  SPONSOR_NOT_RECOGNISED: 'REFUSED',
  ENROLMENT_PROOF_MISSING: 'INCOMPLETE',
  ENROLMENT_NOT_ACTIVE: 'REFUSED',
  PROGRAMME_NOT_FULL_TIME: 'REFUSED',
  ENROLMENT_NOT_VALID_FOR_PERIOD: 'REFUSED',
  HOSTING_AGREEMENT_MISSING: 'INCOMPLETE',
  HOSTING_AGREEMENT_NOT_VALID_FOR_PERIOD: 'REFUSED',
  RESEARCHER_MEANS_NOT_MET: 'REFUSED',
  EVIDENCE_FIELD_NOT_DISCLOSED: 'INCOMPLETE',
  TUITION_PAYMENT_NOT_PROVEN: 'PERMIT_ISSUANCE_BLOCKED',
};

/** Why a piece of evidence the hub returned was not relied on. */
export const EVIDENCE_SET_ASIDE_REASONS = ['EVIDENCE_REVOKED', 'EVIDENCE_EXPIRED', 'EVIDENCE_NOT_FROM_SPONSOR'] as const;
export type EvidenceSetAsideReason = (typeof EVIDENCE_SET_ASIDE_REASONS)[number];

/** Enrolment and tuition states, named as in the evidence contract (welkom.evidence.v1) without the prefix. */
export const ENROLMENT_STATUSES = ['ADMITTED', 'ENROLLED', 'DEREGISTERED'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const TUITION_PAYMENTS = ['PAID_IN_FULL', 'PAYING_IN_INSTALMENTS', 'NOT_PAID', 'EXEMPT'] as const;
export type TuitionPayment = (typeof TUITION_PAYMENTS)[number];

const leadInDays = z.number().int().min(0);

const studentRulesSchema = z.object({
  // Pinned: a student is sponsored under the register purpose for study, whatever the file says.
  sponsorPurpose: z.literal('STUDY'),
  sponsorSource: sourceSchema,
  enrolment: z.object({
    acceptedStatuses: z.array(z.enum(ENROLMENT_STATUSES)).min(1),
    fullTimeRequired: z.boolean(),
    issuerMustBeSponsor: z.boolean(),
    maxDaysStayBeforeProgrammeStart: leadInDays,
    source: sourceSchema,
  }),
  tuition: z.object({
    requiredFor: z.literal('PERMIT_ISSUANCE'),
    acceptedPayments: z.array(z.enum(TUITION_PAYMENTS)).min(1),
    issuerMustBeSponsor: z.boolean(),
    source: sourceSchema,
  }),
});

const researcherRulesSchema = z.object({
  sponsorPurpose: z.literal('RESEARCH'),
  sponsorSource: sourceSchema,
  hostingAgreement: z.object({
    meetsSalaryCriterionRequired: z.boolean(),
    issuerMustBeSponsor: z.boolean(),
    maxDaysStayBeforeAgreementStart: leadInDays,
    source: sourceSchema,
  }),
});

// The whole file is one dated entry: decisions record its `version` as their ruleVersion.
const decisionRulesSchema = referenceFileSchema({
  ...validityFields,
  categories: z.object({
    PERMIT_CATEGORY_STUDENT: studentRulesSchema,
    PERMIT_CATEGORY_RESEARCHER: researcherRulesSchema,
  }),
  // Enum-keyed records are exhaustive in zod 4: a code the code can produce must be documented, and a
  // documented code must exist in the code.
  reasonCodes: z.record(
    z.enum(DECISION_REASON_CODES),
    z.object({ outcome: z.enum(['REFUSED', 'INCOMPLETE', 'PERMIT_ISSUANCE_BLOCKED']), description: z.string().min(10) }),
  ),
  evidenceSetAsideReasons: z.record(z.enum(EVIDENCE_SET_ASIDE_REASONS), z.string().min(10)),
});

export type DecisionRules = z.infer<typeof decisionRulesSchema>;
export type StudentRules = z.infer<typeof studentRulesSchema>;
export type ResearcherRules = z.infer<typeof researcherRulesSchema>;

export function parseDecisionRules(json: unknown): DecisionRules {
  return parseReferenceFile(decisionRulesSchema, json, DECISION_RULES_FILE, decisionRuleProblems);
}

function decisionRuleProblems(rules: DecisionRules): string[] {
  const problems = DECISION_REASON_CODES.filter((code) => rules.reasonCodes[code].outcome !== OUTCOME_OF_REASON[code]).map(
    (code) => `reasonCodes.${code}: documented as ${rules.reasonCodes[code].outcome}, but the policy gives ${OUTCOME_OF_REASON[code]}`,
  );
  if (rules.validTo !== null && rules.validTo < rules.validFrom) problems.push('validTo: lies before validFrom');
  return problems;
}

export function bundledDecisionRules(): DecisionRules {
  return parseDecisionRules(decisionRulesJson);
}
