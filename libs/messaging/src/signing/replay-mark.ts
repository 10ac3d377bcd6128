import type { IHeaders } from 'kafkajs';
import { readHeader } from '@welkom/events';
import type { EnvelopeSigner } from './envelope.signer';
import type { EnvelopeVerifier } from './envelope.verifier';

/** The replay mark a record gets when it is put back from its dead-letter topic, and the party's signature over it. */
export const REPLAY_MARK_HEADERS = {
  mark: 'welkom-replay-mark',
  signature: 'welkom-replay-signature',
} as const;

/** What a replay mark says: which event, from which dead letter, when, by whom. */
export interface ReplayMark {
  eventId: string;
  deadLetterId: string;
  replayedAt: string;
  replayedBy: string;
}

/** The two headers of a replay mark, signed by the party running the replay (its certificate, `x5c`). */
export async function replayMarkHeaders(signer: EnvelopeSigner, mark: ReplayMark): Promise<Record<string, string>> {
  const text = JSON.stringify({
    deadLetterId: mark.deadLetterId,
    eventId: mark.eventId,
    replayedAt: mark.replayedAt,
    replayedBy: mark.replayedBy,
  });
  return { [REPLAY_MARK_HEADERS.mark]: text, [REPLAY_MARK_HEADERS.signature]: await signer.signText(text) };
}

/**
 * The replay mark of a record, if it carries one whose signature holds, by a party of the directory, for this
 * event; undefined otherwise (a mark anybody could write into a header proves nothing).
 */
export async function verifiedReplayMark(
  verifier: EnvelopeVerifier,
  headers: IHeaders,
  eventId: string,
): Promise<(ReplayMark & { signerOin: string }) | undefined> {
  let text: string | undefined;
  let signature: string | undefined;
  try {
    text = readHeader(headers, REPLAY_MARK_HEADERS.mark);
    signature = readHeader(headers, REPLAY_MARK_HEADERS.signature);
  } catch {
    return undefined;
  }
  if (text === undefined || signature === undefined) return undefined;
  try {
    const signerOin = await verifier.verifyText(signature, text);
    const mark = JSON.parse(text) as Partial<ReplayMark>;
    if (mark.eventId !== eventId || typeof mark.replayedAt !== 'string' || Number.isNaN(Date.parse(mark.replayedAt))) return undefined;
    return {
      eventId,
      deadLetterId: String(mark.deadLetterId),
      replayedAt: mark.replayedAt,
      replayedBy: String(mark.replayedBy),
      signerOin,
    };
  } catch {
    return undefined;
  }
}
