import type { EventEnvelope } from '@welkom/events';
import { strictFake } from '@welkom/testing';
import { EnvelopeVerifier } from '../signing/envelope.verifier';
import { REPLAY_MARK_HEADERS } from '../signing/replay-mark';
import { EventFreshness } from './event-freshness';

const NOW = new Date('2026-12-06T10:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const TOPIC = { config: undefined };

function envelope(occurredAt: Date): EventEnvelope {
  return {
    eventId: '0b6c7f4e-2f54-4c3a-9d0e-1f2a3b4c5d6e',
    eventType: 'welkom.test.fact',
    schemaVersion: 1,
    sourcePartyOin: '00000001999999990000',
    occurredAt: occurredAt.toISOString(),
    correlationId: 'c',
    traceparent: 't',
  };
}

function replayMark(replayedAt: Date, eventId = envelope(NOW).eventId): Record<string, string> {
  return {
    [REPLAY_MARK_HEADERS.mark]: JSON.stringify({ deadLetterId: 'd', eventId, replayedAt: replayedAt.toISOString(), replayedBy: 'op' }),
    [REPLAY_MARK_HEADERS.signature]: 'signature',
  };
}

describe('EventFreshness', () => {
  const trusting = strictFake<EnvelopeVerifier>('EnvelopeVerifier', { verifyText: async () => '00000001999999990000' });
  const freshness = new EventFreshness(HOUR, trusting, () => NOW);

  it('accepts an event within the window', async () => {
    expect(await freshness.staleReason(envelope(new Date(NOW.getTime() - HOUR + 1)), {}, TOPIC)).toBeUndefined();
  });

  it('refuses an event older than the window, saying how old it is', async () => {
    expect(await freshness.staleReason(envelope(new Date(NOW.getTime() - 2 * HOUR)), {}, TOPIC)).toBe(
      'occurred at 2026-12-06T08:00:00.000Z, 7200 s ago, beyond the freshness window of 3600 s',
    );
  });

  it('accepts an old event replayed within the window with a signed replay mark for that event', async () => {
    const old = envelope(new Date(NOW.getTime() - 30 * 24 * HOUR));
    expect(await freshness.staleReason(old, replayMark(new Date(NOW.getTime() - 60_000)), TOPIC)).toBeUndefined();
  });

  it('refuses a replay mark for another event, a stale replay mark, and one whose signature does not hold', async () => {
    const old = envelope(new Date(NOW.getTime() - 30 * 24 * HOUR));
    expect(await freshness.staleReason(old, replayMark(NOW, 'another-event'), TOPIC)).toMatch(/beyond the freshness window/);
    expect(await freshness.staleReason(old, replayMark(new Date(NOW.getTime() - 2 * HOUR)), TOPIC)).toMatch(/replay mark .* is stale too/);
    const refusing = strictFake<EnvelopeVerifier>('EnvelopeVerifier', {
      verifyText: async () => {
        throw new Error('the signature does not match the text');
      },
    });
    expect(await new EventFreshness(HOUR, refusing, () => NOW).staleReason(old, replayMark(NOW), TOPIC)).toMatch(
      /beyond the freshness window/,
    );
  });

  it('never refuses a record of a compacted topic, which is the current state of its key', async () => {
    const old = envelope(new Date(NOW.getTime() - 365 * 24 * HOUR));
    expect(await freshness.staleReason(old, {}, { config: { 'cleanup.policy': 'compact' } })).toBeUndefined();
  });
});
