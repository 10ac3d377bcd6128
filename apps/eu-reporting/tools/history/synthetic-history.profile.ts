import type { PermitCategory } from '../../src/feed/permit-category';

/**
 * The shape of the synthetic history around the published totals. Only the totals come from a source (the
 * IND table in seed 000); everything here is invented to make plausible test data and must never be quoted
 * as a fact: the category split, the citizenships (loosely after the top nationalities the IND names for 2021,
 * DOMAIN.md §5; no EU/EEA citizens, who need no permit), the seasons, processing times and withdrawals.
 * All weights are integers so the generator needs no floating point.
 */
export interface ProcessingTimeBand {
  readonly weight: number;
  readonly minDays: number;
  readonly maxDays: number;
}

export interface GroupProfile {
  readonly categoryWeights: readonly (readonly [PermitCategory, number])[];
  readonly citizenshipWeights: readonly (readonly [string, number])[];
  /** Share of the year's applications submitted in each month, January first. */
  readonly monthWeights: readonly number[];
  readonly processingTime: readonly ProcessingTimeBand[];
  /** Of the decisions that are not grants, how many per 100 are withdrawals (the rest refusals). */
  readonly withdrawalsPer100NonGrants: number;
  /** Applications submitted before the first published year and still open, per 1000 of its applications. */
  readonly openingBacklogPer1000: number;
}

const OTHER_THIRD_COUNTRIES: readonly (readonly [string, number])[] = [
  ['AR', 1],
  ['AU', 2],
  ['BD', 1],
  ['CA', 2],
  ['CL', 1],
  ['CO', 2],
  ['EG', 2],
  ['ET', 1],
  ['GH', 1],
  ['ID', 3],
  ['IL', 1],
  ['IR', 3],
  ['JP', 2],
  ['KE', 1],
  ['KR', 3],
  ['LB', 1],
  ['MA', 1],
  ['MY', 2],
  ['NG', 2],
  ['NP', 1],
  ['NZ', 1],
  ['PE', 1],
  ['PH', 2],
  ['PK', 3],
  ['RS', 1],
  ['SG', 1],
  ['TH', 1],
  ['TN', 1],
  ['TW', 2],
  ['UA', 2],
  ['VN', 2],
  ['ZA', 2],
  ['XK', 1],
];

export const SYNTHETIC_PROFILES: Readonly<Record<string, GroupProfile>> = {
  KNOWLEDGE_MIGRANTS: {
    categoryWeights: [
      ['HIGHLY_SKILLED_MIGRANT', 92],
      ['EU_BLUE_CARD', 8],
    ],
    citizenshipWeights: [['IN', 30], ['CN', 8], ['TR', 7], ['US', 6], ['RU', 5], ['BR', 4], ...OTHER_THIRD_COUNTRIES],
    monthWeights: [8, 8, 9, 8, 8, 8, 8, 8, 9, 9, 9, 8],
    processingTime: [
      { weight: 40, minDays: 3, maxDays: 14 },
      { weight: 35, minDays: 15, maxDays: 28 },
      { weight: 17, minDays: 29, maxDays: 60 },
      { weight: 6, minDays: 61, maxDays: 90 },
      { weight: 2, minDays: 91, maxDays: 200 },
    ],
    withdrawalsPer100NonGrants: 30,
    openingBacklogPer1000: 40,
  },
  STUDENTS: {
    categoryWeights: [['STUDENT', 1]],
    citizenshipWeights: [
      ['CN', 22],
      ['IN', 12],
      ['US', 8],
      ['ID', 6],
      ['TR', 5],
      ['KR', 4],
      ['VN', 4],
      ['MX', 3],
      ['BR', 3],
      ['CA', 3],
      ...OTHER_THIRD_COUNTRIES,
    ],
    // Most students apply for the academic year starting in September.
    monthWeights: [5, 3, 3, 4, 8, 16, 22, 20, 7, 4, 4, 4],
    processingTime: [
      { weight: 30, minDays: 5, maxDays: 14 },
      { weight: 40, minDays: 15, maxDays: 30 },
      { weight: 22, minDays: 31, maxDays: 60 },
      { weight: 6, minDays: 61, maxDays: 90 },
      { weight: 2, minDays: 91, maxDays: 180 },
    ],
    withdrawalsPer100NonGrants: 40,
    openingBacklogPer1000: 40,
  },
};

/** For a group the profiles do not know: its categories evenly, a spread of citizenships, even months. */
export function fallbackProfile(categories: readonly PermitCategory[]): GroupProfile {
  return {
    ...SYNTHETIC_PROFILES.KNOWLEDGE_MIGRANTS,
    categoryWeights: categories.map((category) => [category, 1] as const),
    monthWeights: new Array<number>(12).fill(1),
  };
}
