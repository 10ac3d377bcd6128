import type { DataSource } from 'typeorm';
import type { ProducerSession } from '../producer-session';
import type { EnvelopeSigner } from '../signing/envelope.signer';
import { replayMarkHeaders } from '../signing/replay-mark';
import type { DeadLetterRecord } from './dead-letter.store';

/**
 * Who answers for a replay (issue 12). It records the replay where no replayer can rewrite it (the hub's audit
 * trail, with the operator in person as their certificate names them) before anything is sent, and returns that
 * operator's identifier: the replay log takes the name from there, never from a self-declared `--by`.
 */
export interface ReplayAuthority {
  recordReplay(letter: DeadLetterRecord): Promise<string>;
}

export interface ReplayedDeadLetter {
  letter: DeadLetterRecord;
  partition: number;
  offset: string;
}

/**
 * Puts dead letters back on their source topic exactly as they were first published (key, bytes, original
 * headers, so the signature still verifies) and records each replay in `messaging_dead_letter_replay`.
 * Consumer groups that had applied the event already skip it by its id; the one that parked it applies it,
 * if whatever made it fail has been fixed. Replaying twice is therefore harmless. Each replay is first recorded
 * by the ReplayAuthority; a replay it does not record is not sent.
 *
 * With a signer, each replay carries a replay mark signed by the replaying party: consumers accept a marked
 * replay of an event older than their freshness window (a STALE dead letter), which they refuse otherwise.
 */
export class DeadLetterReplayer {
  constructor(
    private readonly producer: ProducerSession,
    private readonly dataSource: DataSource,
    private readonly signer?: EnvelopeSigner,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async replay(letters: readonly DeadLetterRecord[], authority: ReplayAuthority): Promise<ReplayedDeadLetter[]> {
    const replayed: ReplayedDeadLetter[] = [];
    // One at a time, so each replay is recorded with the offset it landed on.
    for (const letter of letters) {
      const replayedBy = await authority.recordReplay(letter);
      const mark =
        this.signer && letter.eventId
          ? await replayMarkHeaders(this.signer, {
              eventId: letter.eventId,
              deadLetterId: letter.id,
              replayedAt: this.clock().toISOString(),
              replayedBy,
            })
          : {};
      const [metadata] = await this.producer.send({
        topic: letter.sourceTopic,
        messages: [{ key: letter.key, value: letter.value, headers: { ...letter.headers, ...mark } }],
      });
      const result = { letter, partition: metadata.partition, offset: metadata.baseOffset ?? '' };
      await this.dataSource.query(
        `INSERT INTO messaging_dead_letter_replay
           (dead_letter_topic, dead_letter_partition, dead_letter_offset, source_topic, event_id, error_class,
            replayed_partition, replayed_offset, replayed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          letter.deadLetterTopic,
          letter.partition,
          letter.offset,
          letter.sourceTopic,
          letter.eventId,
          letter.errorClass,
          result.partition,
          result.offset,
          replayedBy,
        ],
      );
      replayed.push(result);
    }
    return replayed;
  }

  /** How often each dead letter (by id) was replayed, according to this database's replay log. */
  async replayCounts(): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<{ id: string; replays: number }[]>(
      `SELECT dead_letter_topic || ':' || dead_letter_partition || ':' || dead_letter_offset AS id, count(*)::int AS replays
         FROM messaging_dead_letter_replay GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.id, row.replays]));
  }
}
