import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { bundledRecognisedSponsorRegister } from '../sponsors/recognised-sponsor.register';
import type {
  ApplicationForDecision,
  DecisionEvidence,
  EnrolmentEvidence,
  EnrolmentFacts,
  HostingAgreementEvidence,
  HostingAgreementFacts,
  TuitionEvidence,
  TuitionFacts,
} from './decision-evidence';
import { DecisionError } from './decision.errors';
import { bundledDecisionRules, DECISION_REASON_CODES, OUTCOME_OF_REASON, parseDecisionRules, type DecisionRules } from './decision-rules';
import { assessPermitIssuance, decide, type DecisionResult } from './permit-decision.policy';
import decisionRulesJson from '../../reference/decision-rules.v1.json';

const LEIDEN = '00000003281234560000';
const DELFT = '00000003270987650000';
const NEVER_RECOGNISED = '00000003123456780000';
const RECOGNITION_WITHDRAWN_END_2025 = '00000003876543210000';

const ENROLMENT = EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF;
const TUITION = EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS;
const HOSTING = EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT;

const rules = bundledDecisionRules();
const sponsors = bundledRecognisedSponsorRegister();
const DECIDED_ON = '2026-06-15';

const sha = (seed: string): string => seed.repeat(64).slice(0, 64);

const studentApplication: ApplicationForDecision = {
  applicationRef: 'case-student-1',
  category: PermitCategory.PERMIT_CATEGORY_STUDENT,
  receivedOn: '2026-05-01',
  sponsorOin: LEIDEN,
  intendedStay: { from: '2026-09-01', until: '2027-08-31' },
};

const researcherApplication: ApplicationForDecision = {
  applicationRef: 'case-researcher-1',
  category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
  receivedOn: '2026-05-01',
  sponsorOin: DELFT,
  intendedStay: { from: '2026-10-01', until: '2029-09-30' },
};

const provenance = { issuerOin: LEIDEN, issuedOn: '2026-04-20', validUntil: '2027-08-31', revoked: false };

function enrolment(facts: Partial<EnrolmentFacts> = {}, overrides: Partial<EnrolmentEvidence> = {}): EnrolmentEvidence {
  return {
    evidenceId: 'ev-enrolment-1',
    type: ENROLMENT,
    contentCommitment: sha('a'),
    ...provenance,
    facts: { status: 'ADMITTED', fullTime: true, programmeStartDate: '2026-09-01', expectedEndDate: '2027-08-31', ...facts },
    ...overrides,
  };
}

function tuition(facts: Partial<TuitionFacts> = {}, overrides: Partial<TuitionEvidence> = {}): TuitionEvidence {
  return {
    evidenceId: 'ev-tuition-1',
    type: TUITION,
    contentCommitment: sha('b'),
    ...provenance,
    facts: { payment: 'PAID_IN_FULL', academicYear: '2026-2027', ...facts },
    ...overrides,
  };
}

function hosting(facts: Partial<HostingAgreementFacts> = {}, overrides: Partial<HostingAgreementEvidence> = {}): HostingAgreementEvidence {
  return {
    evidenceId: 'ev-hosting-1',
    type: HOSTING,
    contentCommitment: sha('c'),
    ...provenance,
    issuerOin: DELFT,
    validUntil: '2029-09-30',
    facts: { startDate: '2026-10-01', endDate: '2029-09-30', meetsSalaryCriterion: true, ...facts },
    ...overrides,
  };
}

function decideStudent(
  evidence: DecisionEvidence[],
  application: Partial<ApplicationForDecision> = {},
  decidedOn = DECIDED_ON,
): DecisionResult {
  return decide({ ...studentApplication, ...application }, evidence, rules, { decidedOn, sponsors });
}

function decideResearcher(evidence: DecisionEvidence[], application: Partial<ApplicationForDecision> = {}): DecisionResult {
  return decide({ ...researcherApplication, ...application }, evidence, rules, { decidedOn: DECIDED_ON, sponsors });
}

function errorReasonOf(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    return error instanceof DecisionError ? error.reason : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('decision on a student application', () => {
  it('grants with the tuition proof still pending, because it is only needed at permit issuance', () => {
    const result = decideStudent([enrolment()]);
    expect(result).toEqual({
      outcome: 'GRANTED',
      findings: [],
      missingEvidence: [],
      pendingForPermitIssuance: [TUITION],
      ruleVersion: 'decision-rules.v1',
      sponsorRegisterVersion: 'dev-2026-2',
      evidenceUsed: [{ evidenceId: 'ev-enrolment-1', evidenceType: ENROLMENT, contentCommitment: sha('a') }],
      evidenceSetAside: [],
    });
  });

  it.each([
    ['paid in full', 'PAID_IN_FULL', []],
    ['exempt', 'EXEMPT', []],
    ['being paid in instalments (not accepted as proof until confirmed)', 'PAYING_IN_INSTALMENTS', [TUITION]],
    ['not paid', 'NOT_PAID', [TUITION]],
  ] as const)('grants a student whose tuition is %s, leaving %j pending for issuance', (_case, payment, pending) => {
    const result = decideStudent([enrolment(), tuition({ payment })]);
    expect(result.outcome).toBe('GRANTED');
    expect(result.pendingForPermitIssuance).toEqual(pending);
  });

  it.each([
    ['the student was deregistered', enrolment({ status: 'DEREGISTERED' }), 'ENROLMENT_NOT_ACTIVE'],
    ['the programme is part-time', enrolment({ fullTime: false }), 'PROGRAMME_NOT_FULL_TIME'],
    ['the programme ends before the intended stay', enrolment({ expectedEndDate: '2027-06-30' }), 'ENROLMENT_NOT_VALID_FOR_PERIOD'],
    ['the stay starts a day before the programme', enrolment({ programmeStartDate: '2026-09-02' }), 'ENROLMENT_NOT_VALID_FOR_PERIOD'],
  ])('refuses when %s', (_case, proof, reasonCode) => {
    const result = decideStudent([proof]);
    expect(result).toMatchObject({ outcome: 'REFUSED', reasonCode, findings: [reasonCode], missingEvidence: [] });
    // The refusal rests on this evidence: it is recorded with its hash.
    expect(result.evidenceUsed).toEqual([{ evidenceId: 'ev-enrolment-1', evidenceType: ENROLMENT, contentCommitment: sha('a') }]);
  });

  it('refuses when the filing institution is not a recognised sponsor for study', () => {
    const result = decideStudent([enrolment({}, { issuerOin: NEVER_RECOGNISED })], { sponsorOin: NEVER_RECOGNISED });
    expect(result).toMatchObject({ outcome: 'REFUSED', reasonCode: 'SPONSOR_NOT_RECOGNISED', pendingForPermitIssuance: [] });
  });

  it('refuses when the recognition was withdrawn between receipt and decision', () => {
    const withdrawn = { sponsorOin: RECOGNITION_WITHDRAWN_END_2025, receivedOn: '2025-11-03' };
    const proof = enrolment({}, { issuerOin: RECOGNITION_WITHDRAWN_END_2025 });
    expect(decideStudent([proof], withdrawn, '2026-01-05').reasonCode).toBe('SPONSOR_NOT_RECOGNISED');
  });

  it('refuses when the institution was recognised only after it filed, since only a recognised sponsor may file', () => {
    const recognisedFromJune = {
      version: 'test-register',
      isRecognisedFor: (_oin: string, _purpose: string, onDate: string) => onDate >= '2026-06-01',
    };
    const result = decide(studentApplication, [enrolment()], rules, { decidedOn: DECIDED_ON, sponsors: recognisedFromJune });
    expect(result).toMatchObject({ outcome: 'REFUSED', reasonCode: 'SPONSOR_NOT_RECOGNISED', sponsorRegisterVersion: 'test-register' });
  });

  it('asks for the enrolment proof when the hub has none, and names it as missing evidence', () => {
    expect(decideStudent([])).toMatchObject({
      outcome: 'INCOMPLETE',
      reasonCode: 'ENROLMENT_PROOF_MISSING',
      missingEvidence: [ENROLMENT],
      evidenceUsed: [],
    });
  });

  it.each([
    ['revoked by the university', enrolment({}, { revoked: true }), 'EVIDENCE_REVOKED'],
    ['expired before the decision date', enrolment({}, { validUntil: '2026-06-14' }), 'EVIDENCE_EXPIRED'],
    ['issued by another university than the sponsor', enrolment({}, { issuerOin: DELFT }), 'EVIDENCE_NOT_FROM_SPONSOR'],
  ])('sets aside an enrolment proof %s and treats the file as incomplete', (_case, proof, reason) => {
    const result = decideStudent([proof]);
    expect(result).toMatchObject({ outcome: 'INCOMPLETE', reasonCode: 'ENROLMENT_PROOF_MISSING', missingEvidence: [ENROLMENT] });
    expect(result.evidenceSetAside).toEqual([{ evidenceId: 'ev-enrolment-1', evidenceType: ENROLMENT, reason }]);
  });

  it('accepts evidence on the last day of its validity', () => {
    expect(decideStudent([enrolment({}, { validUntil: DECIDED_ON })]).outcome).toBe('GRANTED');
  });

  it('treats a field the hub did not disclose as unknown, not as false, and does not ask for the evidence again', () => {
    const undisclosed = enrolment();
    const withoutFullTime: EnrolmentEvidence = { ...undisclosed, facts: { ...undisclosed.facts, fullTime: undefined } };
    expect(decideStudent([withoutFullTime])).toMatchObject({
      outcome: 'INCOMPLETE',
      reasonCode: 'EVIDENCE_FIELD_NOT_DISCLOSED',
      missingEvidence: [],
    });
  });

  it('relies on the newest enrolment proof, so a later deregistration outweighs an earlier admission', () => {
    const admitted = enrolment({}, { evidenceId: 'ev-old', issuedOn: '2026-03-01' });
    const deregistered = enrolment(
      { status: 'DEREGISTERED' },
      { evidenceId: 'ev-new', contentCommitment: sha('d'), issuedOn: '2026-06-01' },
    );
    expect(decideStudent([admitted, deregistered])).toMatchObject({ outcome: 'REFUSED', reasonCode: 'ENROLMENT_NOT_ACTIVE' });
    const readmitted = enrolment({}, { evidenceId: 'ev-newer', issuedOn: '2026-06-10' });
    expect(decideStudent([admitted, deregistered, readmitted]).evidenceUsed.map((e) => e.evidenceId)).toEqual(['ev-newer']);
  });

  it('refuses on an established ground even when other evidence is still missing, and lists all findings', () => {
    expect(decideStudent([], { sponsorOin: NEVER_RECOGNISED })).toMatchObject({
      outcome: 'REFUSED',
      reasonCode: 'SPONSOR_NOT_RECOGNISED',
      findings: ['SPONSOR_NOT_RECOGNISED', 'ENROLMENT_PROOF_MISSING'],
      missingEvidence: [ENROLMENT],
    });
  });
});

describe('decision on a researcher application', () => {
  it('grants on a hosting agreement that covers the stay and meets the researcher criterion', () => {
    expect(decideResearcher([hosting()])).toMatchObject({
      outcome: 'GRANTED',
      pendingForPermitIssuance: [],
      evidenceUsed: [{ evidenceId: 'ev-hosting-1', evidenceType: HOSTING, contentCommitment: sha('c') }],
    });
  });

  it.each([
    ['no hosting agreement', [], 'INCOMPLETE', 'HOSTING_AGREEMENT_MISSING'],
    ['an agreement that ends before the stay', [hosting({ endDate: '2028-09-30' })], 'REFUSED', 'HOSTING_AGREEMENT_NOT_VALID_FOR_PERIOD'],
    ['pay below the researcher criterion', [hosting({ meetsSalaryCriterion: false })], 'REFUSED', 'RESEARCHER_MEANS_NOT_MET'],
    ['the pay criterion not disclosed', [hosting({ meetsSalaryCriterion: undefined })], 'INCOMPLETE', 'EVIDENCE_FIELD_NOT_DISCLOSED'],
    ['an agreement from another organisation', [hosting({}, { issuerOin: LEIDEN })], 'INCOMPLETE', 'HOSTING_AGREEMENT_MISSING'],
  ] as const)('decides %s as %s (%s)', (_case, evidence, outcome, reasonCode) => {
    expect(decideResearcher([...evidence])).toMatchObject({ outcome, reasonCode });
  });

  it('ignores enrolment and tuition evidence, which researcher rules do not read', () => {
    expect(decideResearcher([hosting(), enrolment({ status: 'DEREGISTERED' }, { issuerOin: DELFT })]).outcome).toBe('GRANTED');
  });
});

describe('permit issuance check', () => {
  it('lets a granted student permit be issued once the university confirms payment', () => {
    expect(assessPermitIssuance(studentApplication, [enrolment(), tuition()], rules, '2026-08-20')).toEqual({
      ready: true,
      missingEvidence: [],
      ruleVersion: 'decision-rules.v1',
      evidenceUsed: [{ evidenceId: 'ev-tuition-1', evidenceType: TUITION, contentCommitment: sha('b') }],
      evidenceSetAside: [],
    });
  });

  it.each([
    ['no tuition proof', [enrolment()]],
    ['a tuition status of not paid', [enrolment(), tuition({ payment: 'NOT_PAID' })]],
    ['tuition confirmed by another institution', [enrolment(), tuition({}, { issuerOin: DELFT })]],
  ])('holds the permit back with %s', (_case, evidence) => {
    expect(assessPermitIssuance(studentApplication, evidence, rules, '2026-08-20')).toMatchObject({
      ready: false,
      reasonCode: 'TUITION_PAYMENT_NOT_PROVEN',
      missingEvidence: [TUITION],
    });
  });

  it('has no extra condition for a researcher permit', () => {
    expect(assessPermitIssuance(researcherApplication, [], rules, '2026-08-20')).toMatchObject({ ready: true, missingEvidence: [] });
  });
});

describe('decision input and rules in force', () => {
  it('refuses to decide a category the rules do not cover, instead of granting by default', () => {
    const hsm = { ...studentApplication, category: PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT };
    expect(errorReasonOf(() => decide(hsm, [], rules, { decidedOn: DECIDED_ON, sponsors }))).toBe('NO_RULES_FOR_CATEGORY');
  });

  it('refuses to decide on a date before the rules came into force', () => {
    expect(errorReasonOf(() => decideStudent([enrolment()], { receivedOn: '2025-11-03' }, '2025-12-31'))).toBe('RULES_NOT_IN_FORCE');
  });

  it.each([
    ['a content commitment that is not 64 hex characters', () => decideStudent([enrolment({}, { contentCommitment: 'abc' })])],
    ['a decision date before receipt', () => decideStudent([enrolment()], {}, '2026-04-30')],
    [
      'an intended stay that ends before it starts',
      () => decideStudent([enrolment()], { intendedStay: { from: '2027-09-01', until: '2026-09-01' } }),
    ],
    ['a malformed programme date', () => decideStudent([enrolment({ expectedEndDate: '2027-02-30' })])],
    ['a sponsor without an OIN', () => decideStudent([enrolment()], { sponsorOin: 'Leiden' })],
  ])('refuses %s as invalid input', (_case, act) => {
    expect(errorReasonOf(act)).toBe('INVALID_DECISION_INPUT');
  });
});

describe('decision rules as reference data', () => {
  const copy = (): Record<string, unknown> & {
    categories: Record<string, Record<string, Record<string, unknown>>>;
    reasonCodes: Record<string, Record<string, unknown>>;
  } => structuredClone(decisionRulesJson) as never;
  const withRules = (json: unknown): DecisionRules => parseDecisionRules(json);

  it('documents every reason code with the outcome the policy gives it', () => {
    expect(Object.keys(rules.reasonCodes).sort()).toEqual([...DECISION_REASON_CODES].sort());
    for (const code of DECISION_REASON_CODES) expect([code, rules.reasonCodes[code].outcome]).toEqual([code, OUTCOME_OF_REASON[code]]);
  });

  it('refuses a file that documents a reason code with another outcome than the policy gives', () => {
    const json = copy();
    json.reasonCodes.ENROLMENT_PROOF_MISSING.outcome = 'REFUSED';
    expect(() => withRules(json)).toThrow(/ENROLMENT_PROOF_MISSING: documented as REFUSED/);
  });

  it('refuses a file that leaves a reason code undocumented or documents an unknown one', () => {
    const missing = copy();
    delete missing.reasonCodes.RESEARCHER_MEANS_NOT_MET;
    expect(() => withRules(missing)).toThrow(/RESEARCHER_MEANS_NOT_MET/);
    const extra = copy();
    extra.reasonCodes.APPLICANT_LOOKS_SUSPICIOUS = { outcome: 'REFUSED', description: 'not a rule anyone wrote down' };
    expect(() => withRules(extra)).toThrow(/APPLICANT_LOOKS_SUSPICIOUS/);
  });

  it('takes tuition proof and lead-in days from the data, so a confirmed rule change needs no code change', () => {
    const json = copy();
    (json.categories.PERMIT_CATEGORY_STUDENT.tuition as { acceptedPayments: string[] }).acceptedPayments = [
      'PAID_IN_FULL',
      'EXEMPT',
      'PAYING_IN_INSTALMENTS',
    ];
    (json.categories.PERMIT_CATEGORY_STUDENT.enrolment as { maxDaysStayBeforeProgrammeStart: number }).maxDaysStayBeforeProgrammeStart = 14;
    const relaxed = withRules({ ...json, version: 'decision-rules.test' });
    const early = { ...studentApplication, intendedStay: { from: '2026-08-18', until: '2027-08-31' } };
    const result = decide(early, [enrolment(), tuition({ payment: 'PAYING_IN_INSTALMENTS' })], relaxed, {
      decidedOn: DECIDED_ON,
      sponsors,
    });
    expect(result).toMatchObject({ outcome: 'GRANTED', pendingForPermitIssuance: [], ruleVersion: 'decision-rules.test' });
    expect(decide(early, [enrolment()], rules, { decidedOn: DECIDED_ON, sponsors }).reasonCode).toBe('ENROLMENT_NOT_VALID_FOR_PERIOD');
  });
});
