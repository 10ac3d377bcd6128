import type { ExemptionRoute, PointPart } from './self-employed-points.reference';

/** A score RVO gave as advice to the IND, as RVO keeps it (no nationality, no business plan). */
export interface SelfEmployedScoreRecord {
  readonly adviceReference: string;
  readonly outcome: 'POSITIVE' | 'NEGATIVE' | 'EXEMPT';
  readonly variant: 'STANDARD' | 'HIGHLY_EDUCATED' | null;
  readonly exemptionRoute: ExemptionRoute | null;
  readonly points: Readonly<Record<PointPart, number>> | null;
  readonly total: number | null;
  readonly findings: readonly string[];
  readonly ruleVersion: string;
  readonly scoredOn: string;
  readonly recordedAt: Date;
}
