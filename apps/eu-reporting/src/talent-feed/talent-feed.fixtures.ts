import type { ApplicationFact } from '../feed/application-fact';
import { ApplicationFactValidator } from '../feed/application-fact.validator';
import { ApplicationLedger } from '../feed/application.ledger';
import type { FeedReference } from '../feed/feed-reference';
import { PERMIT_CATEGORIES, SPONSOR_TYPES } from '../feed/permit-category';

const CITIZENSHIPS = ['IN', 'CN', 'TR', 'US', 'IS', 'BR'] as const;

/**
 * A small varied history for the service-side specs: every category, sponsor type and a few citizenships,
 * decided and pending, over several years; deterministic (no random numbers).
 */
export function variedFacts(count = 400): ApplicationFact[] {
  return Array.from({ length: count }, (_, i): ApplicationFact => {
    const submittedYear = 2019 + (i % 4);
    const month = 1 + ((i * 7) % 12);
    const submittedOn = `${submittedYear}-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const decided = i % 9 !== 0;
    const decision = (['GRANTED', 'GRANTED', 'GRANTED', 'REFUSED', 'WITHDRAWN'] as const)[i % 5];
    return {
      applicationId: `F-${i}`,
      category: PERMIT_CATEGORIES[i % PERMIT_CATEGORIES.length],
      // Every citizenship in every category, however many categories the feed has.
      citizenship: CITIZENSHIPS[Math.floor(i / PERMIT_CATEGORIES.length) % CITIZENSHIPS.length],
      sponsorType: SPONSOR_TYPES[Math.floor(i / 8) % SPONSOR_TYPES.length],
      submittedOn,
      ...(decided ? { decision, decidedOn: `${submittedYear + (month > 10 ? 1 : 0)}-12-${String(1 + (i % 28)).padStart(2, '0')}` } : {}),
    };
  });
}

export function ledgerOf(facts: readonly ApplicationFact[], reference: FeedReference): ApplicationLedger {
  const validator = new ApplicationFactValidator(reference.citizenships);
  const ledger = new ApplicationLedger();
  for (const fact of facts) {
    const result = validator.validate(fact);
    if (!result.ok) throw new Error(`bad fixture ${fact.applicationId}: ${JSON.stringify(result.problems)}`);
    ledger.record(result.fact);
  }
  return ledger;
}
