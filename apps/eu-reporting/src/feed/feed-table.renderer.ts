import { formatIsoDate } from '@welkom/platform';
import type { FeedMeasure, FeedReference } from './feed-reference';
import type { FeedSeries, FeedTable } from './feed-query';
import type { PermitCategory } from './permit-category';

/** Thousands separated by commas, written out by hand: `toLocaleString` depends on the machine's ICU data. */
export function groupThousands(value: number): string {
  const digits = String(Math.abs(value));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `-${grouped}` : grouped;
}

interface Column {
  readonly title: string;
  readonly alignRight: boolean;
  readonly cell: (series: FeedSeries) => string;
}

function figure(series: FeedSeries, measure: FeedMeasure, suffix = ''): string {
  const value = series.values[measure];
  if (series.confidential[measure] !== undefined) return value === null ? 'c' : `${groupThousands(value)}${suffix} c`;
  return value === null ? '-' : `${groupThousands(value)}${suffix}`;
}

const PERIOD_TITLE = { year: 'Year', quarter: 'Quarter', month: 'Month' } as const;

/**
 * The feed as a plain-text table for people: one line per series, aligned columns, labels instead of codes.
 * `c` marks a confidential value (withheld, or rounded when a number is shown), `-` a figure that does not
 * apply (no decisions in the period).
 */
export function renderFeedTable(table: FeedTable, reference: FeedReference): string {
  const { query } = table;
  const groupLabels = new Map(reference.groups.map((g) => [g.id, g.label]));
  const reasonLabel = (reason: string): string =>
    query.reasonAxis === 'group' ? (groupLabels.get(reason) ?? reason) : reference.categoryLabels[reason as PermitCategory];

  const columns: Column[] = [
    { title: query.reasonAxis === 'group' ? 'Group' : 'Category', alignRight: false, cell: (s) => reasonLabel(s.reason) },
    { title: PERIOD_TITLE[query.period], alignRight: false, cell: (s) => s.period.label },
  ];
  if (query.byCitizenship) columns.push({ title: 'Citizenship', alignRight: false, cell: (s) => s.citizenship ?? 'all' });
  if (query.bySponsorType) columns.push({ title: 'Sponsor', alignRight: false, cell: (s) => s.sponsorType ?? 'all' });
  const numeric = (title: string, measure: FeedMeasure, suffix = ''): Column => ({
    title,
    alignRight: true,
    cell: (s) => figure(s, measure, suffix),
  });
  columns.push(
    numeric('Applications', 'applications'),
    numeric('Decisions', 'decisions'),
    numeric('Granted', 'granted'),
    numeric('Refused', 'refused'),
    numeric('Withdrawn', 'withdrawn'),
    numeric('Grant rate', 'grantRatePercent', ' %'),
    numeric('Median days', 'processingMedianDays'),
    numeric('P90 days', 'processingP90Days'),
    numeric(`≤ ${reference.euTargetDays} days`, 'withinEuTargetPercent', ' %'),
    numeric('≤ statutory', 'withinStatutoryPeriodPercent', ' %'),
  );

  // Rows are sorted by reason then period, so each group reads as a time series.
  const reasonOrder = new Map<string, number>();
  table.series.forEach((s) => {
    if (!reasonOrder.has(s.reason)) reasonOrder.set(s.reason, reasonOrder.size);
  });
  const rows = table.series
    .map((series, index) => ({ series, index }))
    .sort((a, b) => (reasonOrder.get(a.series.reason) ?? 0) - (reasonOrder.get(b.series.reason) ?? 0) || a.index - b.index)
    .map(({ series }) => columns.map((column) => column.cell(series)));

  const widths = columns.map((column, i) => Math.max(column.title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (columns[i].alignRight ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();

  const policy = table.smallCellPolicy;
  const notes = [
    `EU Talent Platform feed ${reference.dataflow.dataflowRef}, data as of ${table.asOf === null ? '-' : formatIsoDate(table.asOf)}`,
    'Applications by submission date; decisions (granted, refused, withdrawn) by decision date.',
    'Grant rate = granted / decisions, whole percent rounded half up. Processing days from submission to decision,',
    `over ${reference.processingTimeIncludesWithdrawals ? 'all decisions' : 'granted and refused decisions'}; median and p90 by nearest rank.`,
    policy === null
      ? 'No small-cell policy applied.'
      : `Small cells: counts from 1 to ${policy.threshold - 1} ${policy.method === 'suppress' ? 'withheld' : `rounded to ${policy.roundingBase}`} and marked c.`,
  ];
  return `${[...notes, '', line(columns.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}
