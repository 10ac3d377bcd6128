import type { LiveFeed, PublishedFigures } from '../upstream/upstream-documents';

export interface FeedColumn {
  readonly group: string;
  /** One value per year of `years`; null where the year has no figure (or the feed withholds a small cell). */
  readonly applications: readonly (number | null)[];
  readonly decisions: readonly (number | null)[];
}

export interface EuFeedPanel {
  readonly published: {
    readonly source: string;
    readonly years: readonly number[];
    readonly groups: readonly FeedColumn[];
    readonly applications: number;
  };
  readonly live: {
    readonly asOf: string | null;
    readonly years: readonly number[];
    readonly groups: readonly FeedColumn[];
    /** Applications the feed publishes (withheld cells count as nothing). */
    readonly applications: number;
    /** Cells the small-cell policy withholds. */
    readonly withheldCells: number;
  };
}

function columns(rows: readonly { group: string; year: number; applications: number | null; decisions: number | null }[]): {
  years: number[];
  groups: FeedColumn[];
} {
  const years = [...new Set(rows.map((row) => row.year))].sort((a, b) => a - b);
  const groups = [...new Set(rows.map((row) => row.group))].sort();
  return {
    years,
    groups: groups.map((group) => {
      const at = (year: number) => rows.find((row) => row.group === group && row.year === year);
      return {
        group,
        applications: years.map((year) => at(year)?.applications ?? null),
        decisions: years.map((year) => at(year)?.decisions ?? null),
      };
    }),
  };
}

/** The IND's published 2015–2022 table and the live feed, each per group and year, for two charts side by side. */
export function euFeedPanel(published: PublishedFigures, live: LiveFeed): EuFeedPanel {
  const sum = (values: readonly (number | null)[]): number => values.reduce<number>((total, value) => total + (value ?? 0), 0);
  return {
    published: {
      source: published.source,
      ...columns(published.figures),
      applications: sum(published.figures.map((row) => row.applications)),
    },
    live: {
      asOf: live.asOf,
      ...columns(live.series),
      applications: sum(live.series.map((row) => row.applications)),
      withheldCells: live.series.reduce((total, row) => total + (row.applications === null ? 1 : 0) + (row.decisions === null ? 1 : 0), 0),
    },
  };
}
