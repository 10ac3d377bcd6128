import type { IHeaders } from 'kafkajs';
import type { EventEnvelope, TopicDefinition } from '@welkom/events';
import type { EnvelopeVerifier } from '../signing/envelope.verifier';
import { verifiedReplayMark } from '../signing/replay-mark';

/** A week: longer than any outbox backlog or consumer outage we plan for, short enough that an old capture is useless. */
export const DEFAULT_EVENT_FRESHNESS_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Refuses events older than the window (by their signed `occurredAt`), so a captured record replayed long after
 * cannot act again on a consumer that has forgotten it (its inbox pruned, or a new consumer group). A stale event
 * that must still apply goes through the audited dead-letter replay (`npm run dlt -- replay`), which signs a
 * replay mark: a replay marked within the window is accepted whatever the event's age.
 *
 * Compacted topics are exempt: their records are the latest state of each key (certificates, feeds, checkpoints),
 * which a new reader must see however old.
 */
export class EventFreshness {
  constructor(
    private readonly windowMs: number,
    private readonly verifier: EnvelopeVerifier,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Why the event is stale, or undefined when it may be applied. */
  async staleReason(
    envelope: EventEnvelope,
    headers: IHeaders,
    topic: Pick<TopicDefinition<unknown>, 'config'>,
  ): Promise<string | undefined> {
    if (topic.config?.['cleanup.policy']?.includes('compact')) return undefined;
    const now = this.clock().getTime();
    const age = now - Date.parse(envelope.occurredAt);
    if (age <= this.windowMs) return undefined;
    const replay = await verifiedReplayMark(this.verifier, headers, envelope.eventId);
    if (replay && now - Date.parse(replay.replayedAt) <= this.windowMs) return undefined;
    return `occurred at ${envelope.occurredAt}, ${Math.round(age / 1000)} s ago, beyond the freshness window of ${Math.round(this.windowMs / 1000)} s${
      replay ? ` (its replay mark of ${replay.replayedAt} is stale too)` : ''
    }`;
  }
}
