import { formatIsoDate } from '@welkom/platform';
import type { ApplicationFact, CheckedApplicationFact } from '../feed/application-fact';
import { citizenshipOfCode } from '../feed/citizenship-code';
import { decisionOfCode, PERMIT_CATEGORIES, SPONSOR_TYPES } from '../feed/permit-category';

/**
 * A checked fact back in words, the form stored in PostgreSQL and merged with the next event. Going through
 * the validator and back also normalises (an empty sponsor type becomes UNKNOWN), so what is stored is
 * exactly what the ledger counts.
 */
export function applicationFactOf(checked: CheckedApplicationFact): ApplicationFact {
  const decision = decisionOfCode(checked.decision);
  return {
    applicationId: checked.applicationId,
    category: PERMIT_CATEGORIES[checked.category],
    citizenship: citizenshipOfCode(checked.citizenship),
    sponsorType: SPONSOR_TYPES[checked.sponsorType],
    submittedOn: formatIsoDate(checked.submittedDay),
    ...(decision === undefined ? {} : { decision, decidedOn: formatIsoDate(checked.decidedDay) }),
  };
}

/** Whether two facts say the same (an event that changes nothing need not be written). */
export function sameFact(a: ApplicationFact | undefined, b: ApplicationFact): boolean {
  return (
    a !== undefined &&
    a.category === b.category &&
    a.citizenship === b.citizenship &&
    (a.sponsorType ?? 'UNKNOWN') === (b.sponsorType ?? 'UNKNOWN') &&
    a.submittedOn === b.submittedOn &&
    a.decision === b.decision &&
    (a.decidedOn ?? '') === (b.decidedOn ?? '')
  );
}
