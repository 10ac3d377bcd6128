import { z } from 'zod';
import { parseIsoDate, yearOf } from '@welkom/platform';
import { STATUTORY_HOLIDAY_KINDS, statutoryHolidaysOf, type PublicHolidayKind } from './public-holiday.rules';
import { isoDateSchema, parseReferenceFile, referenceFileSchema, sourceSchema } from '@welkom/reference-data';
import bundledPublicHolidays from '../../reference/dutch-public-holidays.v1.json';

export const PUBLIC_HOLIDAYS_FILE = 'dutch-public-holidays.v1.json';

const ALL_KINDS = [...STATUTORY_HOLIDAY_KINDS, 'EQUATED_DAY'] as const satisfies readonly PublicHolidayKind[];

const yearSchema = z.object({
  year: z.number().int().min(1900).max(2200),
  holidays: z.array(z.object({ date: isoDateSchema, kind: z.enum(STATUTORY_HOLIDAY_KINDS) })),
  equatedDays: z.array(z.object({ date: isoDateSchema, source: z.string().min(1) })),
  equatedDaysComplete: z.boolean(),
});

const publicHolidaysSchema = referenceFileSchema({
  weekendDays: z.tuple([z.literal('SATURDAY'), z.literal('SUNDAY')]),
  // The legal texts each holiday rests on, by name; `sources` (every reference file has it) lists the documents.
  legalSources: z.record(z.string(), sourceSchema),
  // An enum-keyed record is exhaustive in zod 4: a kind without a label and source fails the file.
  kinds: z.record(z.enum(ALL_KINDS), z.object({ label: z.string().min(1), source: z.string() })),
  kingsDayRule: z.object({
    fromYear: z.number().int(),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    sundayShiftDays: z.number().int(),
    source: z.string(),
  }),
  years: z.array(yearSchema).min(1),
});

export type PublicHolidayReference = z.infer<typeof publicHolidaysSchema>;
export type PublicHolidayYear = z.infer<typeof yearSchema>;

/**
 * Parses the holiday calendar and cross-checks it: every named source exists, years are consecutive, each
 * date lies in its year, and the art. 3(1)/(2) holidays equal what the rules compute. A typing error in a
 * legal calendar is caught at start-up, not when a deadline is missed.
 */
export function parsePublicHolidayReference(json: unknown): PublicHolidayReference {
  return parseReferenceFile(publicHolidaysSchema, json, PUBLIC_HOLIDAYS_FILE, calendarProblems);
}

function calendarProblems(reference: PublicHolidayReference): string[] {
  const problems: string[] = [];
  const knownSource = (source: string, where: string): void => {
    if (!(source in reference.legalSources)) problems.push(`${where}: source "${source}" is not in legalSources`);
  };
  for (const [kind, entry] of Object.entries(reference.kinds)) knownSource(entry.source, `kinds.${kind}`);
  knownSource(reference.kingsDayRule.source, 'kingsDayRule');

  reference.years.forEach((entry, index) => {
    const where = `years.${index} (${entry.year})`;
    if (index > 0 && entry.year !== reference.years[index - 1].year + 1) problems.push(`${where}: years must be consecutive`);
    for (const day of [...entry.holidays, ...entry.equatedDays]) {
      const epochDay = parseIsoDate(day.date);
      if (epochDay !== undefined && yearOf(epochDay) !== entry.year) problems.push(`${where}: ${day.date} is not in ${entry.year}`);
    }
    entry.equatedDays.forEach((day) => knownSource(day.source, `${where} equated ${day.date}`));
    if (entry.year < reference.kingsDayRule.fromYear) {
      problems.push(`${where}: before kingsDayRule.fromYear; add the rule that applied then`);
      return;
    }
    const expected = statutoryHolidaysOf(entry.year, reference.kingsDayRule);
    const listed = [...entry.holidays].sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
    const render = (days: readonly { date: string; kind: string }[]): string => days.map((d) => `${d.date} ${d.kind}`).join(', ');
    if (render(listed) !== render(expected)) {
      problems.push(`${where}: holidays differ from Atw art. 3(1)/(2) as computed: expected ${render(expected)}`);
    }
  });
  return problems;
}

/** The calendar shipped with the app (apps/ind/reference). */
export function bundledPublicHolidayReference(): PublicHolidayReference {
  return parsePublicHolidayReference(bundledPublicHolidays);
}
