import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import {
  deadlineStatus,
  decisionDeadlines,
  type DecisionDeadlineInput,
  type DecisionDeadlines,
  type DeadlineKind,
} from './decision-deadline.calculator';
import {
  bundledDeadlineReference,
  bundledDecisionPeriodReference,
  parseDecisionPeriodReference,
  type DecisionPeriodReference,
} from './decision-period.reference';
import { DeadlineError } from './deadline.errors';
import { ReferenceDataError } from '@welkom/reference-data';
import bundledPeriodsJson from '../../../../libs/reference-data/tables/decision-periods.v1.json';

const STUDENT = PermitCategory.PERMIT_CATEGORY_STUDENT;
const RESEARCHER = PermitCategory.PERMIT_CATEGORY_RESEARCHER;
const HIGHLY_SKILLED_MIGRANT = PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT;
const EU_BLUE_CARD = PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD;

const reference = bundledDeadlineReference();

function deadlinesFor(input: Partial<DecisionDeadlineInput> & Pick<DecisionDeadlineInput, 'receivedOn'>): DecisionDeadlines {
  return decisionDeadlines({ category: HIGHLY_SKILLED_MIGRANT, sponsorRecognised: false, ...input }, reference);
}

function lineOf(deadlines: DecisionDeadlines, kind: DeadlineKind) {
  const line = deadlines.lines.find((l) => l.kind === kind);
  if (line === undefined) throw new Error(`no ${kind} line`);
  return line;
}

function statutoryDue(input: Partial<DecisionDeadlineInput> & Pick<DecisionDeadlineInput, 'receivedOn'>): string {
  return lineOf(deadlinesFor(input), 'STATUTORY_DECISION').dueOn;
}

function reasonOf(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    return error instanceof DeadlineError ? error.reason : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('statutory decision deadline', () => {
  it.each([
    // [case, category, sponsor recognised, received on, due on, rolled forward from]
    ['study ends on Good Friday 2026 and runs past Easter Monday', STUDENT, true, '2026-02-02', '2026-04-07', '2026-04-03'],
    ['Blue Card with recognised sponsor ends on Good Friday 2025', EU_BLUE_CARD, true, '2025-03-19', '2025-04-22', '2025-04-18'],
    ['application received on Good Friday itself starts counting that day', STUDENT, true, '2026-04-03', '2026-06-02', undefined],
    ["study ends on King's Day 2026 (a Monday)", STUDENT, true, '2026-02-26', '2026-04-28', '2026-04-27'],
    ["study ends on King's Day 2028 (a Thursday) followed by its equated Friday", STUDENT, true, '2028-02-27', '2028-05-01', '2028-04-27'],
    [
      'highly skilled migrant ends on 5 May 2026, not a lustrum year',
      HIGHLY_SKILLED_MIGRANT,
      true,
      '2026-02-04',
      '2026-05-06',
      '2026-05-05',
    ],
    ['highly skilled migrant ends on 5 May 2025, a lustrum year', HIGHLY_SKILLED_MIGRANT, true, '2025-02-04', '2025-05-06', '2025-05-05'],
    [
      'highly skilled migrant ends on Monday 4 May 2026, an ordinary working day',
      HIGHLY_SKILLED_MIGRANT,
      true,
      '2026-02-03',
      '2026-05-04',
      undefined,
    ],
    [
      'highly skilled migrant ends on Ascension Day 2026, then the equated Friday',
      HIGHLY_SKILLED_MIGRANT,
      false,
      '2026-02-13',
      '2026-05-18',
      '2026-05-14',
    ],
    [
      'research ends on Christmas Day 2026 (Friday), then Boxing Day (Saturday)',
      RESEARCHER,
      true,
      '2026-10-26',
      '2026-12-28',
      '2026-12-25',
    ],
    [
      'highly skilled migrant ends on New Year 2026, then the equated 2 January',
      HIGHLY_SKILLED_MIGRANT,
      true,
      '2025-10-03',
      '2026-01-05',
      '2026-01-01',
    ],
    ['highly skilled migrant ends on a Sunday', HIGHLY_SKILLED_MIGRANT, true, '2026-06-01', '2026-08-31', '2026-08-30'],
    ['highly skilled migrant ends on an ordinary Tuesday', HIGHLY_SKILLED_MIGRANT, true, '2026-06-03', '2026-09-01', undefined],
    ['Blue Card without a recognised sponsor gets 90 days', EU_BLUE_CARD, false, '2026-06-03', '2026-09-01', undefined],
  ])('%s', (_case, category, sponsorRecognised, receivedOn, dueOn, rolledForwardFrom) => {
    const line = lineOf(deadlinesFor({ category, sponsorRecognised, receivedOn }), 'STATUTORY_DECISION');
    expect(line.nature).toBe('LEGAL');
    expect(line.dueOn).toBe(dueOn);
    expect(line.rolledForwardFrom).toBe(rolledForwardFrom);
  });

  it.each([
    [STUDENT, false, 60],
    [RESEARCHER, false, 60],
    [HIGHLY_SKILLED_MIGRANT, true, 90],
    [PermitCategory.PERMIT_CATEGORY_START_UP, false, 90],
    [PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED, false, 90],
    [EU_BLUE_CARD, true, 30],
    [EU_BLUE_CARD, false, 90],
  ])('gives %s (recognised sponsor: %s) a period of %i days', (category, sponsorRecognised, days) => {
    expect(lineOf(deadlinesFor({ category, sponsorRecognised, receivedOn: '2026-06-03' }), 'STATUTORY_DECISION').periodDays).toBe(days);
  });

  it('counts the day after receipt as day one, unless reference data says the day of receipt is', () => {
    expect(statutoryDue({ category: STUDENT, receivedOn: '2026-02-02' })).toBe('2026-04-07');
    const periods = structuredClone(bundledPeriodsJson) as unknown as DecisionPeriodReference;
    (periods.counting as { receiptDayIsDayOne: boolean }).receiptDayIsDayOne = true;
    const dayOne = decisionDeadlines(
      { category: STUDENT, sponsorRecognised: false, receivedOn: '2026-02-02' },
      { ...reference, periods: parseDecisionPeriodReference(periods) },
    );
    // One day earlier: Maundy Thursday, a working day, so nothing rolls.
    expect(lineOf(dayOne, 'STATUTORY_DECISION').dueOn).toBe('2026-04-02');
  });

  it('refuses applications received before the first version of the decision periods', () => {
    expect(reasonOf(() => deadlinesFor({ receivedOn: '2024-06-11' }))).toBe('NO_DECISION_PERIODS_FOR_DATE');
    expect(statutoryDue({ receivedOn: '2024-06-12' })).toBe('2024-09-10');
  });

  it('refuses to guess when the period ends next to a holiday in a year whose bridge days are not decreed yet', () => {
    // 90 days after 10 February 2029 is Friday 11 May 2029, the day after Ascension.
    expect(reasonOf(() => deadlinesFor({ receivedOn: '2029-02-10' }))).toBe('HOLIDAY_CALENDAR_NOT_CONFIRMED');
  });

  it('refuses a malformed receipt date and a missing category', () => {
    expect(reasonOf(() => deadlinesFor({ receivedOn: '2026-02-30' }))).toBe('INVALID_DEADLINE_INPUT');
    expect(reasonOf(() => deadlinesFor({ receivedOn: '3 March 2026' }))).toBe('INVALID_DEADLINE_INPUT');
    expect(reasonOf(() => deadlinesFor({ category: PermitCategory.PERMIT_CATEGORY_UNSPECIFIED, receivedOn: '2026-03-02' }))).toBe(
      'INVALID_DEADLINE_INPUT',
    );
  });
});

describe('extension of the statutory period', () => {
  const received = '2026-02-04'; // due 2026-05-06 without extension (5 May is a holiday)

  it('adds the extension to the working day the period had already run to', () => {
    const line = lineOf(
      deadlinesFor({ receivedOn: received, extensions: [{ days: 90, announcedOn: '2026-04-01' }] }),
      'STATUTORY_DECISION',
    );
    expect(line).toMatchObject({ dueOn: '2026-08-04', dueBeforeExtensionOn: '2026-05-06', extendedByDays: 90, periodDays: 180 });
  });

  it('accepts an extension announced on the last day of the period', () => {
    expect(statutoryDue({ receivedOn: received, extensions: [{ days: 30, announcedOn: '2026-05-06' }] })).toBe('2026-06-05');
  });

  it('rolls an extended period that ends on a weekend to the next working day', () => {
    const line = lineOf(
      deadlinesFor({ receivedOn: received, extensions: [{ days: 31, announcedOn: '2026-04-01' }] }),
      'STATUTORY_DECISION',
    );
    expect(line).toMatchObject({ dueOn: '2026-06-08', rolledForwardFrom: '2026-06-06' });
  });

  it.each([
    ['longer than the 90 days reference data allows', [{ days: 91, announcedOn: '2026-04-01' }], 'EXTENSION_NOT_ALLOWED'],
    [
      'a second extension',
      [
        { days: 30, announcedOn: '2026-04-01' },
        { days: 30, announcedOn: '2026-04-02' },
      ],
      'EXTENSION_NOT_ALLOWED',
    ],
    ['announced after the period ran out', [{ days: 30, announcedOn: '2026-05-07' }], 'EXTENSION_NOT_ALLOWED'],
    ['announced before the application arrived', [{ days: 30, announcedOn: '2026-02-03' }], 'EXTENSION_NOT_ALLOWED'],
    ['of zero days', [{ days: 0, announcedOn: '2026-04-01' }], 'INVALID_DEADLINE_INPUT'],
    ['of a fraction of a day', [{ days: 1.5, announcedOn: '2026-04-01' }], 'INVALID_DEADLINE_INPUT'],
  ])('refuses an extension %s', (_case, extensions, reason) => {
    expect(reasonOf(() => deadlinesFor({ receivedOn: received, extensions }))).toBe(reason);
  });

  it('does not move the service target or the EU ambition', () => {
    const extended = deadlinesFor({ receivedOn: received, sponsorRecognised: true, extensions: [{ days: 90, announcedOn: '2026-04-01' }] });
    const plain = deadlinesFor({ receivedOn: received, sponsorRecognised: true });
    expect(lineOf(extended, 'RECOGNISED_SPONSOR_TARGET')).toEqual(lineOf(plain, 'RECOGNISED_SPONSOR_TARGET'));
    expect(lineOf(extended, 'EU_30_DAY_AMBITION')).toEqual(lineOf(plain, 'EU_30_DAY_AMBITION'));
  });
});

describe('recognised-sponsor service target and EU ambition', () => {
  it.each([
    ['complete', true, '2026-03-16'],
    ['incomplete', false, '2026-04-20'],
    ['not known to be complete', undefined, '2026-04-20'],
  ])('gives a %s file from a recognised sponsor a target of %s', (_case, complete, dueOn) => {
    const line = lineOf(deadlinesFor({ receivedOn: '2026-03-02', sponsorRecognised: true, complete }), 'RECOGNISED_SPONSOR_TARGET');
    expect(line).toMatchObject({ nature: 'SERVICE_TARGET', dueOn, extendedByDays: 0 });
  });

  it('leaves a service target on a weekend where it falls, because it is a KPI and not a statutory period', () => {
    const line = lineOf(deadlinesFor({ receivedOn: '2026-03-07', sponsorRecognised: true, complete: true }), 'RECOGNISED_SPONSOR_TARGET');
    expect(line.dueOn).toBe('2026-03-21');
    expect(line.rolledForwardFrom).toBeUndefined();
  });

  it('has no service target when the sponsor is not recognised', () => {
    expect(deadlinesFor({ receivedOn: '2026-03-02', sponsorRecognised: false }).lines.map((l) => l.kind)).toEqual([
      'STATUTORY_DECISION',
      'EU_30_DAY_AMBITION',
    ]);
  });

  it('holds a self-employed application, an innovative entrepreneur’s, to the EU 30-day ambition beside the statutory 90 days', () => {
    const deadlines = deadlinesFor({
      category: PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED,
      receivedOn: '2026-03-02',
      sponsorRecognised: false,
    });
    expect(deadlines.lines.map((l) => [l.kind, l.periodDays])).toEqual([
      ['STATUTORY_DECISION', 90],
      ['EU_30_DAY_AMBITION', 30],
    ]);
  });

  it('marks the EU 30-day ambition as indicative and counts it in calendar days', () => {
    const deadlines = deadlinesFor({ category: STUDENT, receivedOn: '2026-02-02', sponsorRecognised: true, complete: true });
    expect(deadlines.lines.map((l) => [l.kind, l.nature, l.dueOn])).toEqual([
      ['STATUTORY_DECISION', 'LEGAL', '2026-04-07'],
      ['RECOGNISED_SPONSOR_TARGET', 'SERVICE_TARGET', '2026-02-16'],
      ['EU_30_DAY_AMBITION', 'INDICATIVE', '2026-03-04'],
    ]);
    expect(deadlines.referenceVersion).toBe('2026-1+holidays-2026-1');
  });
});

describe('deadline status for at-risk and breached events', () => {
  const deadlines = deadlinesFor({ receivedOn: '2026-02-04', sponsorRecognised: true, complete: true });
  // statutory 2026-05-06, service target 2026-02-18, EU ambition 2026-03-06

  it.each([
    ['2026-04-21', 'ON_TRACK', 15],
    ['2026-04-22', 'AT_RISK', 14],
    ['2026-05-06', 'AT_RISK', 0],
    ['2026-05-07', 'BREACHED', -1],
  ])('on %s the statutory deadline is %s with %i days left', (today, status, daysLeft) => {
    const statutory = deadlineStatus(deadlines, today, 14).find((s) => s.kind === 'STATUTORY_DECISION');
    expect(statutory).toMatchObject({ status, daysLeft, nature: 'LEGAL', dueOn: '2026-05-06' });
  });

  it('judges each line on its own due date', () => {
    expect(deadlineStatus(deadlines, '2026-03-01', 7).map((s) => [s.kind, s.status])).toEqual([
      ['STATUTORY_DECISION', 'ON_TRACK'],
      ['RECOGNISED_SPONSOR_TARGET', 'BREACHED'],
      ['EU_30_DAY_AMBITION', 'AT_RISK'],
    ]);
  });

  it('refuses a negative or fractional warning window and a malformed today', () => {
    expect(reasonOf(() => deadlineStatus(deadlines, '2026-03-01', -1))).toBe('INVALID_DEADLINE_INPUT');
    expect(reasonOf(() => deadlineStatus(deadlines, '2026-03-01', 2.5))).toBe('INVALID_DEADLINE_INPUT');
    expect(reasonOf(() => deadlineStatus(deadlines, '01-03-2026', 7))).toBe('INVALID_DEADLINE_INPUT');
  });
});

describe('decision period reference data checks', () => {
  const copy = (): Record<string, unknown> & { versions: Record<string, unknown>[] } => structuredClone(bundledPeriodsJson);

  it('loads the bundled file with 60 days for study and research', () => {
    const rules = bundledDecisionPeriodReference().versions[0].statutory.rules;
    expect(rules.filter((r) => r.days === 60).map((r) => r.category)).toEqual([STUDENT, RESEARCHER]);
  });

  it('refuses two versions that overlap', () => {
    const periods = copy();
    periods.versions.push({ ...periods.versions[0], validFrom: '2027-01-01' });
    expect(() => parseDecisionPeriodReference(periods)).toThrow(/overlaps/);
  });

  it('refuses two statutory rules that match the same application', () => {
    const periods = copy();
    const statutory = periods.versions[0].statutory as { rules: unknown[] };
    statutory.rules.push({ category: 'PERMIT_CATEGORY_STUDENT', days: 30, source: 'a second opinion on study' });
    expect(() => parseDecisionPeriodReference(periods)).toThrow(/more than one rule for PERMIT_CATEGORY_STUDENT/);
  });

  it('refuses a period without a source', () => {
    const periods = copy();
    (periods.versions[0].recognisedSponsorTarget as { source: string }).source = '';
    expect(() => parseDecisionPeriodReference(periods)).toThrow(ReferenceDataError);
  });
});
