/**
 * The vocabulary of an application fact. These lists are the contract of the history CSV and of the status
 * events, so they live in code; everything that is a policy choice about them (decision periods, reporting
 * groups, SDMX codes) lives in `apps/eu-reporting/reference/*.json`.
 */
export const PERMIT_CATEGORIES = [
  'HIGHLY_SKILLED_MIGRANT',
  'EU_BLUE_CARD',
  'STUDENT',
  'RESEARCHER',
  'ORIENTATION_YEAR',
  'START_UP',
  'ESSENTIAL_START_UP_PERSONNEL',
  'FAMILY_MEMBER',
  // Appended, never inserted: stored application facts keep the index of their category.
  'SELF_EMPLOYED',
] as const;
export type PermitCategory = (typeof PERMIT_CATEGORIES)[number];

export const DECISIONS = ['GRANTED', 'REFUSED', 'WITHDRAWN'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * Who sponsors the application. `RECOGNISED_SPONSOR` is the IND's *erkend referent*; `NO_SPONSOR` covers
 * permits the person applies for alone (orientation year, start-up founder). `UNKNOWN` is what a source
 * without the information (the IND history CSV) records, so it is a value of the dimension, not an error.
 */
export const SPONSOR_TYPES = ['UNKNOWN', 'RECOGNISED_SPONSOR', 'NON_RECOGNISED_SPONSOR', 'NO_SPONSOR'] as const;
export type SponsorType = (typeof SPONSOR_TYPES)[number];

/** Compact codes stored per application; index into the lists above, PENDING is "no decision yet". */
export const DecisionCode = { PENDING: 0, GRANTED: 1, REFUSED: 2, WITHDRAWN: 3 } as const;
export type DecisionCode = (typeof DecisionCode)[keyof typeof DecisionCode];

export function decisionCodeOf(decision: Decision): DecisionCode {
  return DecisionCode[decision];
}

export function decisionOfCode(code: number): Decision | undefined {
  return code === DecisionCode.PENDING ? undefined : DECISIONS[code - 1];
}

const categoryIndex = new Map<string, number>(PERMIT_CATEGORIES.map((c, i) => [c, i]));
const sponsorTypeIndex = new Map<string, number>(SPONSOR_TYPES.map((s, i) => [s, i]));
const decisionIndex = new Map<string, DecisionCode>(DECISIONS.map((d) => [d, DecisionCode[d]]));

export function categoryCodeOf(category: string): number | undefined {
  return categoryIndex.get(category);
}

export function sponsorTypeCodeOf(sponsorType: string): number | undefined {
  return sponsorTypeIndex.get(sponsorType);
}

export function decisionCodeOfText(decision: string): DecisionCode | undefined {
  return decisionIndex.get(decision);
}

export function isPermitCategory(value: string): value is PermitCategory {
  return categoryIndex.has(value);
}

export function isSponsorType(value: string): value is SponsorType {
  return sponsorTypeIndex.has(value);
}
