import type { DecisionPeriodReference } from '@welkom/reference-data';
import type { CitizenshipCodeList } from './citizenship-code';
import type { PermitCategory, SponsorType } from './permit-category';

/** Every figure of a feed series, in the order the outputs list them. */
export const FEED_MEASURES = [
  'applications',
  'decisions',
  'granted',
  'refused',
  'withdrawn',
  'grantRatePercent',
  'processingMedianDays',
  'processingP90Days',
  'withinEuTargetPercent',
  'withinStatutoryPeriodPercent',
] as const;
export type FeedMeasure = (typeof FEED_MEASURES)[number];

/** Measures that count applications; the small-cell policy protects these (the rest derive from them). */
export const COUNT_MEASURES = ['applications', 'decisions', 'granted', 'refused', 'withdrawn'] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];

export interface ReportingGroup {
  readonly id: string;
  readonly label: string;
  readonly categories: readonly PermitCategory[];
}

export type SdmxConcept = 'FREQUENCY' | 'INDICATOR' | 'REASON' | 'CITIZENSHIP' | 'SPONSOR_TYPE' | 'UNIT' | 'GEO';
export const SDMX_CONCEPTS: readonly SdmxConcept[] = ['FREQUENCY', 'INDICATOR', 'REASON', 'CITIZENSHIP', 'SPONSOR_TYPE', 'UNIT', 'GEO'];

export type PeriodKind = 'year' | 'quarter' | 'month';

export interface DataflowReference {
  /** e.g. `WELKOM:TALENT_FEED(1.0)`. */
  readonly dataflowRef: string;
  readonly columns: {
    readonly dataflow: string;
    readonly lastUpdate: string;
    readonly timePeriod: string;
    readonly obsValue: string;
    readonly obsFlag: string;
    readonly confStatus: string;
  };
  readonly dimensions: readonly { readonly column: string; readonly concept: SdmxConcept }[];
  readonly frequency: Readonly<Record<PeriodKind, string>>;
  readonly indicator: Readonly<Record<FeedMeasure, { readonly code: string; readonly unit: string }>>;
  readonly groupReason: ReadonlyMap<string, string>;
  readonly categoryReason: Readonly<Record<PermitCategory, string>>;
  readonly citizenshipTotal: string;
  readonly citizenshipOverrides: ReadonlyMap<string, string>;
  readonly sponsorTypeTotal: string;
  readonly sponsorType: Readonly<Record<SponsorType, string>>;
  readonly geo: string;
  readonly confidentialObsFlag: string;
  readonly primaryConfStatus: string;
  readonly complementaryConfStatus: string;
}

export type SmallCellMethod = 'suppress' | 'round';

export interface SmallCellPolicy {
  readonly threshold: number;
  readonly method: SmallCellMethod;
  readonly roundingBase: number;
}

/** All reference data the feed needs, validated and resolved once. */
export interface FeedReference {
  /** `file → version`, printed in outputs so a figure can be traced to the rules that made it. */
  readonly versions: Readonly<Record<string, string>>;
  readonly categoryLabels: Readonly<Record<PermitCategory, string>>;
  readonly groups: readonly ReportingGroup[];
  /** The IND's decision periods: the shared table (libs/reference-data), applied by the day of receipt. */
  readonly decisionPeriods: DecisionPeriodReference;
  readonly euTargetDays: number;
  readonly processingTimeIncludesWithdrawals: boolean;
  readonly dataflow: DataflowReference;
  readonly smallCellPolicy: SmallCellPolicy;
  readonly citizenships: CitizenshipCodeList;
}
