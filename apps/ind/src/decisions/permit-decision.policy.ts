import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { FieldViolation } from '@welkom/errors';
import { isIsoDate, type IsoDate, parseIsoDate } from '@welkom/platform';
import { isValidOn } from '@welkom/reference-data';
import { isOin } from '@welkom/validation';
import type { SponsorPurpose } from '../sponsors/recognised-sponsor.register';
import type {
  ApplicationForDecision,
  DecisionContext,
  DecisionEvidence,
  EnrolmentEvidence,
  HostingAgreementEvidence,
  TuitionEvidence,
} from './decision-evidence';
import { DecisionError } from './decision.errors';
import {
  OUTCOME_OF_REASON,
  type DecisionReasonCode,
  type DecisionRules,
  type EvidenceSetAsideReason,
  type ResearcherRules,
  type StudentRules,
} from './decision-rules';

export type DecisionOutcome = 'GRANTED' | 'REFUSED' | 'INCOMPLETE';

export interface EvidenceUsed {
  readonly evidenceId: string;
  readonly evidenceType: EvidenceType;
  readonly contentCommitment: string;
}

export interface EvidenceSetAside {
  readonly evidenceId: string;
  readonly evidenceType: EvidenceType;
  readonly reason: EvidenceSetAsideReason;
}

export interface DecisionResult {
  readonly outcome: DecisionOutcome;
  /** The ground the outcome rests on (the first refusal ground, else the first gap); absent when GRANTED. */
  readonly reasonCode?: DecisionReasonCode;
  /** Every ground found, in rule order, for the letter and the audit trail. */
  readonly findings: readonly DecisionReasonCode[];
  /** Evidence types with no usable evidence: what the IND should ask the hub for (never the applicant). */
  readonly missingEvidence: readonly EvidenceType[];
  /** On GRANTED: evidence still needed before the permit may be issued (tuition for students). */
  readonly pendingForPermitIssuance: readonly EvidenceType[];
  readonly ruleVersion: string;
  readonly sponsorRegisterVersion: string;
  readonly evidenceUsed: readonly EvidenceUsed[];
  readonly evidenceSetAside: readonly EvidenceSetAside[];
}

export interface PermitIssuanceAssessment {
  readonly ready: boolean;
  readonly reasonCode?: DecisionReasonCode;
  readonly missingEvidence: readonly EvidenceType[];
  readonly ruleVersion: string;
  readonly evidenceUsed: readonly EvidenceUsed[];
  readonly evidenceSetAside: readonly EvidenceSetAside[];
}

/** The result of applying one evidence rule: the evidence relied on and the ground found, if any. */
export interface EvidenceCheck<Code extends string = DecisionReasonCode> {
  readonly used?: DecisionEvidence;
  readonly finding?: Code;
  readonly missing?: EvidenceType;
  readonly setAside: EvidenceSetAside[];
}

/**
 * The IND's decision on a study or research application, from the evidence the hub disclosed and the rules
 * in force on the decision date. Pure and deterministic: the same input gives the same result, which is
 * what makes `ruleVersion` + `evidenceUsed` an explanation of the decision.
 */
export function decide(
  application: ApplicationForDecision,
  evidence: readonly DecisionEvidence[],
  rules: DecisionRules,
  context: DecisionContext,
): DecisionResult {
  validateInput(application, evidence, context.decidedOn);
  assertInForce(rules, context.decidedOn);
  const { decidedOn, sponsors } = context;

  const purpose = sponsorPurposeOf(application.category, rules);
  const sponsorRecognised =
    sponsors.isRecognisedFor(application.sponsorOin, purpose, application.receivedOn) &&
    sponsors.isRecognisedFor(application.sponsorOin, purpose, decidedOn);

  const checks = decisionChecks(application, evidence, rules, decidedOn);
  const findings = [
    ...(sponsorRecognised ? [] : (['SPONSOR_NOT_RECOGNISED'] as const)),
    ...checks.flatMap((c) => (c.finding ? [c.finding] : [])),
  ];
  const refusal = findings.find((code) => OUTCOME_OF_REASON[code] === 'REFUSED');
  const gap = findings.find((code) => OUTCOME_OF_REASON[code] === 'INCOMPLETE');
  const outcome: DecisionOutcome = refusal !== undefined ? 'REFUSED' : gap !== undefined ? 'INCOMPLETE' : 'GRANTED';
  const issuance = outcome === 'GRANTED' ? issuanceCheck(application, evidence, rules, decidedOn) : undefined;

  return {
    outcome,
    ...(outcome !== 'GRANTED' ? { reasonCode: refusal ?? gap } : {}),
    findings,
    missingEvidence: checks.flatMap((c) => (c.missing !== undefined ? [c.missing] : [])),
    pendingForPermitIssuance: issuance?.missing !== undefined ? [issuance.missing] : [],
    ruleVersion: rules.version,
    sponsorRegisterVersion: sponsors.version,
    evidenceUsed: checks.flatMap((c) => (c.used !== undefined ? [usedOf(c.used)] : [])),
    evidenceSetAside: checks.flatMap((c) => c.setAside),
  };
}

/**
 * Whether a granted permit may now be issued: for students, the tuition proof that the decision was allowed
 * to go without (seed 003). The lifecycle refuses PERMIT_ISSUED unless this says ready.
 */
export function assessPermitIssuance(
  application: ApplicationForDecision,
  evidence: readonly DecisionEvidence[],
  rules: DecisionRules,
  onDate: IsoDate,
): PermitIssuanceAssessment {
  validateInput(application, evidence, onDate);
  assertInForce(rules, onDate);
  sponsorPurposeOf(application.category, rules);
  const check = issuanceCheck(application, evidence, rules, onDate);
  return {
    ready: check === undefined || (check.finding === undefined && check.missing === undefined),
    ...(check?.finding !== undefined ? { reasonCode: check.finding } : {}),
    missingEvidence: check?.missing !== undefined ? [check.missing] : [],
    ruleVersion: rules.version,
    evidenceUsed: check?.used !== undefined && check.finding === undefined ? [usedOf(check.used)] : [],
    evidenceSetAside: check?.setAside ?? [],
  };
}

function sponsorPurposeOf(category: PermitCategory, rules: DecisionRules): SponsorPurpose {
  switch (category) {
    case PermitCategory.PERMIT_CATEGORY_STUDENT:
      return rules.categories.PERMIT_CATEGORY_STUDENT.sponsorPurpose;
    case PermitCategory.PERMIT_CATEGORY_RESEARCHER:
      return rules.categories.PERMIT_CATEGORY_RESEARCHER.sponsorPurpose;
    default:
      throw new DecisionError('NO_RULES_FOR_CATEGORY', `Decision rules ${rules.version} do not cover ${category}`, {
        metadata: { category },
      });
  }
}

function decisionChecks(
  application: ApplicationForDecision,
  evidence: readonly DecisionEvidence[],
  rules: DecisionRules,
  onDate: IsoDate,
): EvidenceCheck[] {
  if (application.category === PermitCategory.PERMIT_CATEGORY_STUDENT) {
    const student = rules.categories.PERMIT_CATEGORY_STUDENT;
    return [
      checkEvidence(evidence.filter(isEnrolment), EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, 'ENROLMENT_PROOF_MISSING', {
        application,
        onDate,
        issuerMustBeSponsor: student.enrolment.issuerMustBeSponsor,
        evaluate: (e) => enrolmentFinding(e, application, student),
      }),
    ];
  }
  const researcher = rules.categories.PERMIT_CATEGORY_RESEARCHER;
  return [
    checkEvidence(
      evidence.filter(isHostingAgreement),
      EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT,
      'HOSTING_AGREEMENT_MISSING',
      {
        application,
        onDate,
        issuerMustBeSponsor: researcher.hostingAgreement.issuerMustBeSponsor,
        evaluate: (e) => hostingAgreementFinding(e, application, researcher),
      },
    ),
  ];
}

function issuanceCheck(
  application: ApplicationForDecision,
  evidence: readonly DecisionEvidence[],
  rules: DecisionRules,
  onDate: IsoDate,
): EvidenceCheck | undefined {
  if (application.category !== PermitCategory.PERMIT_CATEGORY_STUDENT) return undefined;
  const tuition = rules.categories.PERMIT_CATEGORY_STUDENT.tuition;
  const check = checkEvidence(evidence.filter(isTuition), EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS, 'TUITION_PAYMENT_NOT_PROVEN', {
    application,
    onDate,
    issuerMustBeSponsor: tuition.issuerMustBeSponsor,
    evaluate: (e) => {
      if (e.facts.payment === undefined) return 'EVIDENCE_FIELD_NOT_DISCLOSED';
      return tuition.acceptedPayments.includes(e.facts.payment) ? undefined : 'TUITION_PAYMENT_NOT_PROVEN';
    },
  });
  // A tuition status that is present but not accepted (e.g. NOT_PAID) still leaves the proof missing.
  return check.finding === 'TUITION_PAYMENT_NOT_PROVEN' ? { ...check, missing: EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS } : check;
}

/**
 * Applies one evidence rule: sets aside what cannot be relied on (revoked, expired, not from the sponsor),
 * then judges the newest of the rest.
 */
export function checkEvidence<E extends DecisionEvidence, Code extends string = DecisionReasonCode>(
  candidates: readonly E[],
  type: EvidenceType,
  missingCode: Code,
  rule: {
    application: ApplicationForDecision;
    onDate: IsoDate;
    issuerMustBeSponsor: boolean;
    evaluate: (evidence: E) => Code | undefined;
  },
): EvidenceCheck<Code> {
  const setAside: EvidenceSetAside[] = [];
  const usable: E[] = [];
  for (const item of candidates) {
    const reason: EvidenceSetAsideReason | undefined = item.revoked
      ? 'EVIDENCE_REVOKED'
      : item.validUntil < rule.onDate
        ? 'EVIDENCE_EXPIRED'
        : rule.issuerMustBeSponsor && item.issuerOin !== rule.application.sponsorOin
          ? 'EVIDENCE_NOT_FROM_SPONSOR'
          : undefined;
    if (reason === undefined) usable.push(item);
    else setAside.push({ evidenceId: item.evidenceId, evidenceType: item.type, reason });
  }
  if (usable.length === 0) return { finding: missingCode, missing: type, setAside };
  // Facts change (an admitted student is deregistered): the newest usable evidence is the current fact, and
  // an older one that would have satisfied the rule must not outvote it.
  const [current] = [...usable].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || a.evidenceId.localeCompare(b.evidenceId));
  const finding = rule.evaluate(current);
  return finding === undefined ? { used: current, setAside } : { used: current, finding, setAside };
}

function coversStay(
  start: IsoDate | undefined,
  end: IsoDate | undefined,
  stay: ApplicationForDecision['intendedStay'],
  leadInDays: number,
): boolean | undefined {
  if (start === undefined || end === undefined) return undefined;
  const earliestArrival = (parseIsoDate(start) as number) - leadInDays;
  return earliestArrival <= (parseIsoDate(stay.from) as number) && end >= stay.until;
}

function enrolmentFinding(e: EnrolmentEvidence, application: ApplicationForDecision, rules: StudentRules): DecisionReasonCode | undefined {
  const { status, fullTime, programmeStartDate, expectedEndDate } = e.facts;
  if (status === undefined) return 'EVIDENCE_FIELD_NOT_DISCLOSED';
  if (!rules.enrolment.acceptedStatuses.includes(status)) return 'ENROLMENT_NOT_ACTIVE';
  if (rules.enrolment.fullTimeRequired) {
    if (fullTime === undefined) return 'EVIDENCE_FIELD_NOT_DISCLOSED';
    if (!fullTime) return 'PROGRAMME_NOT_FULL_TIME';
  }
  const covers = coversStay(programmeStartDate, expectedEndDate, application.intendedStay, rules.enrolment.maxDaysStayBeforeProgrammeStart);
  if (covers === undefined) return 'EVIDENCE_FIELD_NOT_DISCLOSED';
  return covers ? undefined : 'ENROLMENT_NOT_VALID_FOR_PERIOD';
}

function hostingAgreementFinding(
  e: HostingAgreementEvidence,
  application: ApplicationForDecision,
  rules: ResearcherRules,
): DecisionReasonCode | undefined {
  const { startDate, endDate, meetsSalaryCriterion } = e.facts;
  const covers = coversStay(startDate, endDate, application.intendedStay, rules.hostingAgreement.maxDaysStayBeforeAgreementStart);
  if (covers === undefined) return 'EVIDENCE_FIELD_NOT_DISCLOSED';
  if (!covers) return 'HOSTING_AGREEMENT_NOT_VALID_FOR_PERIOD';
  if (rules.hostingAgreement.meetsSalaryCriterionRequired) {
    if (meetsSalaryCriterion === undefined) return 'EVIDENCE_FIELD_NOT_DISCLOSED';
    if (!meetsSalaryCriterion) return 'RESEARCHER_MEANS_NOT_MET';
  }
  return undefined;
}

const isEnrolment = (e: DecisionEvidence): e is EnrolmentEvidence => e.type === EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF;
const isTuition = (e: DecisionEvidence): e is TuitionEvidence => e.type === EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS;
const isHostingAgreement = (e: DecisionEvidence): e is HostingAgreementEvidence =>
  e.type === EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT;

export function usedOf(e: DecisionEvidence): EvidenceUsed {
  return { evidenceId: e.evidenceId, evidenceType: e.type, contentCommitment: e.contentCommitment };
}

function assertInForce(rules: DecisionRules, onDate: IsoDate): void {
  if (!isValidOn(rules, onDate)) {
    throw new DecisionError('RULES_NOT_IN_FORCE', `Decision rules ${rules.version} are not in force on ${onDate}`, {
      metadata: { ruleVersion: rules.version, onDate },
    });
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const KNOWN_TYPES: readonly EvidenceType[] = [
  EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
  EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS,
  EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT,
  EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD,
];

/** Refuses input the rules would misread: a date compared as text must be a real ISO date. */
function validateInput(application: ApplicationForDecision, evidence: readonly DecisionEvidence[], onDate: IsoDate): void {
  const violations: FieldViolation[] = [];
  const date = (value: unknown, field: string, required = true): void => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !isIsoDate(value)) violations.push({ field, description: 'expected an ISO date YYYY-MM-DD' });
  };
  if (typeof application.applicationRef !== 'string' || application.applicationRef === '') {
    violations.push({ field: 'application.applicationRef', description: 'required' });
  }
  if (typeof application.sponsorOin !== 'string' || !isOin(application.sponsorOin)) {
    violations.push({ field: 'application.sponsorOin', description: 'expected a 20-digit OIN' });
  }
  date(application.receivedOn, 'application.receivedOn');
  date(application.intendedStay?.from, 'application.intendedStay.from');
  date(application.intendedStay?.until, 'application.intendedStay.until');
  date(onDate, 'decidedOn');
  if (violations.length === 0) {
    if (application.intendedStay.from > application.intendedStay.until) {
      violations.push({ field: 'application.intendedStay', description: 'from lies after until' });
    }
    if (onDate < application.receivedOn) violations.push({ field: 'decidedOn', description: 'before the application was received' });
  }
  evidence.forEach((item, i) => {
    const at = `evidence[${i}]`;
    if (!KNOWN_TYPES.includes(item.type))
      violations.push({ field: `${at}.type`, description: `not evidence the rules read: ${String(item.type)}` });
    if (typeof item.evidenceId !== 'string' || item.evidenceId === '')
      violations.push({ field: `${at}.evidenceId`, description: 'required' });
    if (typeof item.contentCommitment !== 'string' || !SHA256_HEX.test(item.contentCommitment)) {
      violations.push({ field: `${at}.contentCommitment`, description: 'expected 64 lower-case hex characters' });
    }
    if (typeof item.issuerOin !== 'string' || !isOin(item.issuerOin))
      violations.push({ field: `${at}.issuerOin`, description: 'expected a 20-digit OIN' });
    date(item.issuedOn, `${at}.issuedOn`);
    date(item.validUntil, `${at}.validUntil`);
    const facts: Record<string, unknown> = { ...(item.facts ?? {}) };
    for (const field of ['programmeStartDate', 'expectedEndDate', 'startDate', 'endDate', 'thresholdReferenceDate'])
      date(facts[field], `${at}.facts.${field}`, false);
  });
  if (violations.length > 0) throw DecisionError.invalidInput(violations);
}
