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
  /** The SELF_EMPLOYED_POINTS_ASSESSMENT the hub holds for the score; null for a score recorded before it was issued. */
  readonly issued: IssuedScoreEvidence | null;
}

/** Where the hub keeps the issued score, and about whom (the pseudonym, never the identifier). */
export interface IssuedScoreEvidence {
  readonly applicantPseudonym: string;
  readonly evidenceId: string;
  readonly contentSha256: string;
  readonly schemaVersion: number;
}
