import type { InnovationRules, InnovationTest } from './start-up-rules.reference';

/** RVO's view of the product or service on each of the three tests (DOMAIN.md §1.7). */
export type InnovationFacts = Readonly<Record<InnovationTest, boolean>>;

export interface InnovationOutcome {
  readonly innovative: boolean;
  /** The tests that hold, in the order of the rules: what the advice names as its ground. */
  readonly testsMet: readonly InnovationTest[];
}

/** Innovative when at least `minimumTestsMet` (one) of the three tests holds; used for start-ups and essential personnel alike. */
export function assessInnovation(facts: InnovationFacts, rules: InnovationRules): InnovationOutcome {
  const testsMet = rules.tests.filter((test) => facts[test]);
  return { innovative: testsMet.length >= rules.minimumTestsMet, testsMet };
}
