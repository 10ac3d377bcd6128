import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuditCountersignature as AuditCountersignatureMessage } from '@welkom/contracts/generated/welkom/hub/v1/audit_checkpoint';
import { EVENT_INBOX, type EventInbox, type ReceivedEvent } from '@welkom/messaging';
import { ClockRepository, TransactionRepository } from '@welkom/platform';
import { HUB_PARTY_OIN } from '../hub.config';
import { AuditCheckpointService } from './audit-checkpoint.service';
import {
  type Countersignature,
  type CountersignedCheckpoint,
  countersignatureOf,
  countersignedCheckpoints,
} from './audit-countersignature';
import { AuditCountersignatureRepository } from './audit-countersignature.repository';
import { AuditTrailRepository } from './audit-trail.repository';

/** How many of the latest countersigned checkpoints VerifyAuditChain compares with and reports. */
export const REPORTED_COUNTERSIGNED_CHECKPOINTS = 20;

/**
 * Keeps the parties' counter-signatures of this hub's checkpoints. The envelope verifier has already checked each
 * record's signature against the signing party's certificate (chained to the party CA, a publisher role of the
 * topic); here the record must name that party and this hub's chain. A counter-signature of a hash the chain no
 * longer holds is kept all the same (it is evidence against the chain) and logged as an error.
 */
@Injectable()
export class AuditCountersignatureService {
  private readonly logger = new Logger(AuditCountersignatureService.name);

  constructor(
    private readonly countersignatures: AuditCountersignatureRepository,
    private readonly checkpoints: AuditCheckpointService,
    private readonly audit: AuditTrailRepository,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
    @Inject(HUB_PARTY_OIN) private readonly hubOin: string,
  ) {}

  /** The counter-signature stored from this record; undefined when it was not one of this hub's chain, or seen before. */
  async received(event: ReceivedEvent<AuditCountersignatureMessage>): Promise<Countersignature | undefined> {
    const countersignature = countersignatureOf(event, this.hubOin);
    if (typeof countersignature === 'string') {
      this.logger.warn(`Ignoring counter-signature ${event.envelope.eventId}: it ${countersignature}`);
      return undefined;
    }
    // Hubs that share a cluster see each other's counter-signatures; only this chain's concern this hub.
    if (countersignature.chainId !== (await this.checkpoints.chainId())) return undefined;
    const stored = await this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return false;
      return this.countersignatures.insertOnce(tx, countersignature, event.envelope.eventId, this.clock.now());
    });
    if (!stored) return undefined;
    const held = (await this.audit.entry(countersignature.sequence))?.entryHash;
    if (held !== countersignature.entryHash) {
      this.logger.error(
        `Party ${countersignature.partyOin} countersigned entry ${countersignature.sequence} with hash ${countersignature.entryHash}, ` +
          `but the chain holds ${held ?? 'no such entry'}`,
      );
    }
    return countersignature;
  }

  /** The latest countersigned checkpoints of this hub's chain with their parties, latest first. */
  async latest(): Promise<CountersignedCheckpoint[]> {
    const chainId = await this.checkpoints.chainId();
    if (chainId === undefined) return [];
    return countersignedCheckpoints(await this.countersignatures.latest(chainId, REPORTED_COUNTERSIGNED_CHECKPOINTS));
  }
}
