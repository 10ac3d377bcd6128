import type { IndFigures } from '../upstream/upstream-documents';

export interface DeadlinesPanel {
  readonly today: string;
  readonly atRiskWithinDays: number;
  readonly openCases: number;
  readonly clocks: readonly {
    kind: string;
    label: string;
    nature: string;
    onTrack: number;
    atRisk: number;
    breached: number;
  }[];
}

/** What each clock is, as the IND's decision-period table names them; only the statutory one is law. */
const CLOCK_LABEL: Readonly<Record<string, string>> = {
  STATUTORY_DECISION: 'statutory decision period',
  RECOGNISED_SPONSOR_TARGET: 'recognised-sponsor target',
  EU_30_DAY_AMBITION: 'EU 30 days',
};

/** The open cases against the three clocks, as the IND counts them with its own deadline rule. */
export function deadlinesPanel(figures: IndFigures): DeadlinesPanel {
  const statutory = figures.deadlines.find((clock) => clock.kind === 'STATUTORY_DECISION');
  return {
    today: figures.today,
    atRiskWithinDays: figures.atRiskWithinDays,
    // Every open case runs on the statutory clock, so its three counts add up to the open cases.
    openCases: statutory ? statutory.onTrack + statutory.atRisk + statutory.breached : 0,
    clocks: figures.deadlines.map((clock) => ({ ...clock, label: CLOCK_LABEL[clock.kind] ?? clock.kind })),
  };
}
