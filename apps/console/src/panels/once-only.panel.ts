import { type MetricSample, sumOf } from '../upstream/prometheus-text';
import type { IndFigures } from '../upstream/upstream-documents';
import { evidenceTypeLabel } from './labels';

export const NOT_ASKED_AGAIN_METRIC = 'welkom_hub_documents_not_asked_again_total';
export const EVIDENCE_REQUESTS_METRIC = 'welkom_hub_evidence_requests_total';

export interface OnceOnlyPanel {
  /** Documents a requester got through the hub instead of asking the person again. */
  readonly notAskedAgain: number;
  /** Of those: verified evidence the hub already held (reused) … */
  readonly reusedFromVault: number;
  /** … and evidence the hub requested from its source, which answered. */
  readonly requestedFromSource: number;
  readonly perEvidenceType: readonly { evidenceType: string; label: string; reusedFromVault: number; requestedFromSource: number }[];
  /** The hub's answers to evidence requests by outcome (disclosed, pending, refusal reasons). */
  readonly requestOutcomes: readonly { outcome: string; requests: number }[];
  /** The IND's requests still waiting for their source, per evidence type (each type has one source). */
  readonly pendingPerSource: readonly { evidenceType: string; label: string; pending: number }[];
  readonly pendingTotal: number;
}

/** The once-only figures: the hub's counters (since its start) and the IND's own open requests. */
export function onceOnlyPanel(hubMetrics: readonly MetricSample[], ind: IndFigures): OnceOnlyPanel {
  const exchanged = hubMetrics.filter((sample) => sample.name === NOT_ASKED_AGAIN_METRIC);
  const types = [...new Set(exchanged.map((sample) => sample.labels.evidence_type ?? ''))].sort();
  const outcomes = new Map<string, number>();
  for (const sample of hubMetrics.filter((each) => each.name === EVIDENCE_REQUESTS_METRIC)) {
    const outcome = sample.labels.outcome ?? 'unknown';
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + sample.value);
  }
  const pending = new Map<string, number>();
  for (const row of ind.evidenceRequests.filter((each) => each.state === 'PENDING')) {
    pending.set(row.evidenceType, (pending.get(row.evidenceType) ?? 0) + row.requests);
  }
  return {
    notAskedAgain: sumOf(hubMetrics, NOT_ASKED_AGAIN_METRIC),
    reusedFromVault: sumOf(hubMetrics, NOT_ASKED_AGAIN_METRIC, { answered_from: 'vault' }),
    requestedFromSource: sumOf(hubMetrics, NOT_ASKED_AGAIN_METRIC, { answered_from: 'source' }),
    perEvidenceType: types.map((evidenceType) => ({
      evidenceType,
      label: evidenceTypeLabel(evidenceType),
      reusedFromVault: sumOf(exchanged, NOT_ASKED_AGAIN_METRIC, { evidence_type: evidenceType, answered_from: 'vault' }),
      requestedFromSource: sumOf(exchanged, NOT_ASKED_AGAIN_METRIC, { evidence_type: evidenceType, answered_from: 'source' }),
    })),
    requestOutcomes: [...outcomes].map(([outcome, requests]) => ({ outcome, requests })).sort((a, b) => b.requests - a.requests),
    pendingPerSource: [...pending].map(([evidenceType, count]) => ({
      evidenceType,
      label: evidenceTypeLabel(evidenceType),
      pending: count,
    })),
    pendingTotal: [...pending.values()].reduce((sum, count) => sum + count, 0),
  };
}
