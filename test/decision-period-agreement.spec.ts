import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { decisionDeadlines } from '../apps/ind/src/deadlines/decision-deadline.calculator';
import { DeadlineError } from '../apps/ind/src/deadlines/deadline.errors';
import { bundledDeadlineReference } from '../apps/ind/src/deadlines/decision-period.reference';
import { checkIsoDate } from '@welkom/platform';
import { loadFeedReference } from '../apps/eu-reporting/src/feed/feed-reference.loader';
import { categoryCodeOf, sponsorTypeCodeOf } from '../apps/eu-reporting/src/feed/permit-category';
import { StatutoryPeriodTable } from '../apps/eu-reporting/src/feed/statutory-period.table';

// Both services choose the period by the day the IND received the application (DOMAIN.md §2.1), so the
// reference date here is that day; each side is asked through its own real lookup.
const indReference = bundledDeadlineReference();
const feedTable = new StatutoryPeriodTable(loadFeedReference().decisionPeriods);

/** The IND's statutory period in days, or 'none' when it refuses to count (no period for that day). */
function indDays(receivedOn: string, sponsorRecognised: boolean): number | 'none' {
  try {
    const input = { category: PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD, receivedOn, sponsorRecognised };
    const deadlines = decisionDeadlines(input, indReference);
    return deadlines.lines.find((line) => line.kind === 'STATUTORY_DECISION')?.periodDays ?? 'none';
  } catch (error: unknown) {
    if (error instanceof DeadlineError && error.reason === 'NO_DECISION_PERIODS_FOR_DATE') return 'none';
    throw error;
  }
}

function feedDays(receivedOn: string, sponsorType: 'RECOGNISED_SPONSOR' | 'NON_RECOGNISED_SPONSOR'): number | 'none' {
  const day = checkIsoDate(receivedOn);
  if (typeof day !== 'number') throw new Error(`bad date ${receivedOn}`);
  return feedTable.daysFor(categoryCodeOf('EU_BLUE_CARD') ?? -1, sponsorTypeCodeOf(sponsorType) ?? -1, day) ?? 'none';
}

describe('the EU feed and the IND agree on the decision period of an EU Blue Card', () => {
  it.each([
    // The day before Directive (EU) 2021/1883 came in: the table has no period, so neither side assumes one
    // (the feed used to apply the 30 days of 2024-06-12 all the way back to 2015).
    ['2024-06-11', true, 'none'],
    ['2024-06-11', false, 'none'],
    // From 2024-06-12: 30 days with a recognised sponsor, 90 without.
    ['2024-06-12', true, 30],
    ['2024-06-12', false, 90],
  ] as const)('received on %s, recognised sponsor %s: %s', (receivedOn, sponsorRecognised, expected) => {
    expect(indDays(receivedOn, sponsorRecognised)).toBe(expected);
    expect(feedDays(receivedOn, sponsorRecognised ? 'RECOGNISED_SPONSOR' : 'NON_RECOGNISED_SPONSOR')).toBe(expected);
  });
});
