import type { IsoDate } from '@welkom/platform';
import { type DeadlineKind, type DeadlineLine, type DeadlineNature, deadlineStatus } from '../deadlines/decision-deadline.calculator';
import type { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';

/** How many cases of one category stand in one status. */
export interface StageCount {
  readonly category: string;
  readonly status: string;
  readonly cases: number;
}

/** The IND's requests to the hub by evidence type (each type has one source) and state. */
export interface EvidenceRequestCount {
  readonly evidenceType: string;
  readonly state: string;
  readonly requests: number;
}

/** An open case's clocks as stored: what the deadline tally needs, nothing that names anyone. */
export interface OpenCaseClocks {
  readonly category: PermitCategory;
  readonly submittedOn: IsoDate;
  readonly deadlineReferenceVersion: string;
  readonly deadlines: readonly DeadlineLine[];
}

/** Open cases per clock: on track, at risk (due within the at-risk window) and breached (past due). */
export interface DeadlineTally {
  readonly kind: DeadlineKind;
  readonly nature: DeadlineNature;
  readonly onTrack: number;
  readonly atRisk: number;
  readonly breached: number;
}

export interface CaseFigures {
  readonly today: IsoDate;
  readonly atRiskWithinDays: number;
  readonly stages: readonly StageCount[];
  readonly deadlines: readonly DeadlineTally[];
  readonly evidenceRequests: readonly EvidenceRequestCount[];
}

const KINDS: readonly DeadlineKind[] = ['STATUTORY_DECISION', 'RECOGNISED_SPONSOR_TARGET', 'EU_30_DAY_AMBITION'];
const NATURE: Record<DeadlineKind, DeadlineNature> = {
  STATUTORY_DECISION: 'LEGAL',
  RECOGNISED_SPONSOR_TARGET: 'SERVICE_TARGET',
  EU_30_DAY_AMBITION: 'INDICATIVE',
};

/**
 * Tallies the open cases against each of the three clocks with the same rule the deadline monitor alerts on, so
 * the console's figures and the deadline events never disagree. Every clock is listed, also when no case runs on it.
 */
export function deadlineTallies(cases: readonly OpenCaseClocks[], today: IsoDate, atRiskWithinDays: number): DeadlineTally[] {
  const tally = new Map(KINDS.map((kind) => [kind, { kind, nature: NATURE[kind], onTrack: 0, atRisk: 0, breached: 0 }]));
  for (const open of cases) {
    const lines = deadlineStatus(
      { category: open.category, receivedOn: open.submittedOn, referenceVersion: open.deadlineReferenceVersion, lines: open.deadlines },
      today,
      atRiskWithinDays,
    );
    for (const line of lines) {
      const entry = tally.get(line.kind);
      if (!entry) continue;
      if (line.status === 'BREACHED') entry.breached += 1;
      else if (line.status === 'AT_RISK') entry.atRisk += 1;
      else entry.onTrack += 1;
    }
  }
  return [...tally.values()];
}
