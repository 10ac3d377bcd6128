/** One line of the IND table in seed 000 (reference/ind-applications-2015-2022.csv). */
export interface PublishedYearFigures {
  readonly group: string;
  readonly year: number;
  readonly applications: number;
  readonly decisions: number;
  readonly grantRatePercent: number;
}

/** The IND table of seed 000 as committed beside the feed's reference data (apps/eu-reporting/reference). */
export const PUBLISHED_FIGURES_FILE = 'ind-applications-2015-2022.csv';

export const PUBLISHED_FIGURES_HEADER = 'group,year,applications,decisions,grant_rate_percent';

/** Reads the published table strictly: it is the yardstick the generator and the tests measure against. */
export function readPublishedFigures(text: string): PublishedYearFigures[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0] !== PUBLISHED_FIGURES_HEADER) {
    throw new Error(`published figures: expected header ${PUBLISHED_FIGURES_HEADER}`);
  }
  return lines.slice(1).map((line, i) => {
    const fields = line.split(',');
    const numbers = fields.slice(1).map(Number);
    if (fields.length !== 5 || fields[0] === '' || numbers.some((n) => !Number.isInteger(n) || n < 0)) {
      throw new Error(`published figures line ${i + 2}: "${line}" is not group,year,applications,decisions,percent`);
    }
    const [year, applications, decisions, grantRatePercent] = numbers;
    return { group: fields[0], year, applications, decisions, grantRatePercent };
  });
}
