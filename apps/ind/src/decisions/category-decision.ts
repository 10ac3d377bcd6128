import type { DecisionOutcome, EvidenceSetAside, EvidenceUsed } from './permit-decision.policy';

/**
 * What a category's decision gives the case assessment (orientation year, start-up, family members): the outcome,
 * its ground and findings, and what it rested on: the version of the category's rules and the evidence used.
 */
export interface CategoryDecision {
  readonly outcome: DecisionOutcome;
  /** The ground of a refusal or a gap; absent when GRANTED. */
  readonly reasonCode?: string;
  readonly findings: readonly string[];
  readonly ruleVersion: string;
  readonly sponsorRegisterVersion: string;
  readonly evidenceUsed: readonly EvidenceUsed[];
  readonly evidenceSetAside: readonly EvidenceSetAside[];
}

/** No rules of the category are in force on the day of receipt: nothing is decided on a guess (fail closed). */
export const RULES_NOT_IN_FORCE = 'RULES_NOT_IN_FORCE';

/** What a category decision records besides its outcome: the versions it was taken with. */
export type DecisionVersions = Pick<CategoryDecision, 'ruleVersion' | 'sponsorRegisterVersion'>;

/** A case that waits (no rules in force, no evidence yet, a field withheld): the ground is its one finding, nothing used. */
export function waitingDecision(
  versions: DecisionVersions,
  reasonCode: string,
  evidenceSetAside: readonly EvidenceSetAside[] = [],
): CategoryDecision {
  return { ...versions, outcome: 'INCOMPLETE', reasonCode, findings: [reasonCode], evidenceUsed: [], evidenceSetAside };
}
