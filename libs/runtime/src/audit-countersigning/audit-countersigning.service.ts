import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuditCheckpoint } from '@welkom/contracts/generated/welkom/hub/v1/audit_checkpoint';
import { TOPICS } from '@welkom/events';
import { EVENT_INBOX, EVENT_OUTBOX, type EventInbox, type EventOutbox, type ReceivedEvent } from '@welkom/messaging';
import { ClockRepository, fromTimestamp, toTimestamp, TransactionRepository } from '@welkom/platform';
import { AuditCountersigningMetricsRepository } from './audit-countersigning-metrics.repository';
import { AuditCountersigningRepository } from './audit-countersigning.repository';
import { COUNTERSIGNED_HUB_OIN, COUNTERSIGNING_PARTY_OIN } from './audit-countersigning.tokens';
import { type CheckpointJudgement, judgeCheckpoint, type SeenCheckpoint } from './checkpoint-continuity.policy';

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const INT64 = /^[0-9]{1,19}$/;

/**
 * Every party connector countersigns each checkpoint of the hub's audit chain it reads, when it continues what the
 * party countersigned before (checkpoint-continuity.policy.ts). Why every checkpoint and not only those covering the
 * party's own entries: a checkpoint's hash commits to the whole chain before it, this party's entries included,
 * so any checkpoint anchors them; and a list of "parties with entries since the last checkpoint" would be the hub's
 * word (the very party being checked) and would tell every reader of the topic who was active when.
 *
 * The record and the counter-signature (published through the outbox, signed with this party's key) commit
 * together with the inbox claim. A rewind or a fork is refused, stored as an alarm, counted and logged as an
 * error; nothing here throws on a bad checkpoint, so the consumer never stalls on one.
 */
@Injectable()
export class AuditCountersigningService {
  private readonly logger = new Logger(AuditCountersigningService.name);

  constructor(
    private readonly records: AuditCountersigningRepository,
    private readonly metrics: AuditCountersigningMetricsRepository,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    @Inject(COUNTERSIGNED_HUB_OIN) private readonly hubOin: string,
    @Inject(COUNTERSIGNING_PARTY_OIN) private readonly partyOin: string,
  ) {}

  /** The judgement on one checkpoint record; undefined when it was no checkpoint of this party's hub, or seen before. */
  async checkpointSeen(event: ReceivedEvent<AuditCheckpoint>): Promise<CheckpointJudgement | undefined> {
    const checkpoint = this.checkpointOf(event);
    if (checkpoint === undefined) return undefined;
    const judgement = await this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return undefined;
      const judged = judgeCheckpoint(await this.records.history(tx, this.hubOin, checkpoint.chainId, checkpoint.sequence), checkpoint);
      const now = this.clock.now();
      if (judged.verdict === 'COUNTERSIGN') {
        await this.records.recordCountersigned(tx, {
          hubOin: this.hubOin,
          checkpoint,
          countersignedAt: now,
          checkpointEventId: event.envelope.eventId,
        });
        await this.outbox.enqueue(tx, TOPICS.auditCountersignature, {
          hubOin: this.hubOin,
          chainId: checkpoint.chainId,
          sequence: checkpoint.sequence,
          entryHash: checkpoint.entryHash,
          checkpointTakenAt: toTimestamp(checkpoint.takenAt),
          countersignedAt: toTimestamp(now),
          partyOin: this.partyOin,
        });
      } else if (judged.verdict === 'REWIND' || judged.verdict === 'FORK') {
        await this.records.raiseAlarm(tx, {
          hubOin: this.hubOin,
          checkpoint,
          kind: judged.verdict,
          problem: judged.problem,
          checkpointEventId: event.envelope.eventId,
          raisedAt: now,
        });
      }
      return judged;
    });
    if (judgement === undefined) return undefined;
    this.metrics.checkpointJudged(judgement.verdict);
    if (judgement.verdict === 'REWIND' || judgement.verdict === 'FORK') {
      this.logger.error(`Refused to countersign the hub's audit checkpoint (${judgement.verdict}): ${judgement.problem}`);
    } else if (judgement.verdict === 'REFUSED_AFTER_ALARM') {
      this.logger.warn(`Not countersigning checkpoint ${checkpoint.sequence} of chain ${checkpoint.chainId}: an alarm about it is open`);
    }
    return judgement;
  }

  /** The checkpoint the record carries, if the pinned hub signed it and it is well formed; otherwise logged and skipped. */
  private checkpointOf(event: ReceivedEvent<AuditCheckpoint>): SeenCheckpoint | undefined {
    const { payload } = event;
    const takenAt = fromTimestamp(payload.takenAt);
    if (event.envelope.sourcePartyOin !== this.hubOin) {
      this.logger.warn(`Ignoring an audit checkpoint signed by ${event.envelope.sourcePartyOin}, not by the hub ${this.hubOin}`);
      return undefined;
    }
    if (!INT64.test(payload.sequence) || !HEX_SHA256.test(payload.entryHash) || payload.chainId === '' || !(takenAt instanceof Date)) {
      this.logger.warn(`Ignoring a malformed audit checkpoint (event ${event.envelope.eventId})`);
      return undefined;
    }
    return { chainId: payload.chainId, sequence: payload.sequence, entryHash: payload.entryHash, takenAt };
  }
}
