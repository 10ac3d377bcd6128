import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Caller, CallingOperator } from '@welkom/grpc';
import { ClockRepository, TransactionRepository } from '@welkom/platform';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { invalidRequest } from '../grants/grant.command';
import { HubError } from '../hub.errors';
import { PartyRegistryService } from '../party-registry/party-registry.service';
import { PartyRepository } from '../party-registry/party.repository';
import { SubjectLinkRepository } from '../subjects/subject-link.repository';
import { SubjectPseudonymRepository } from '../subjects/subject-pseudonym.repository';
import {
  AuditChainVerifier,
  auditDraft,
  type AuditRecord,
  type ChainBreak,
  type ChainHead,
  GENESIS_HASH,
  SUBJECT_ACCESS_LISTED,
} from './audit-chain';
import type { DeadLetterReplayCommand, SubjectAccessCommand, VerifyChainCommand } from './audit.command';
import { AuditVerificationRepository } from './audit-verification.repository';
import { AuditTrailRepository } from './audit-trail.repository';
import { type AuditCheckpoint, checkpointBreak } from './audit-checkpoint';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { type CountersignedCheckpoint, countersignedBreak } from './audit-countersignature';
import { AuditCountersignatureService } from './audit-countersignature.service';
import { VerificationQuotaRepository } from './verification-quota.repository';

const VERIFY_PAGE = 2_000;
/** Entries hashed between two turns of the event loop: a few milliseconds of work, so other calls keep being served. */
const VERIFY_CHUNK = 250;

export interface ChainVerification {
  intact: boolean;
  verifiedEntries: number;
  /** '0' when intact. */
  firstBrokenSequence: string;
  problem: string;
  headHash: string;
  headSequence: string;
  /** The last entry found intact. */
  lastVerifiedSequence: string;
  /** The latest signed checkpoint the chain was compared with, if any was published. */
  checkpoint: AuditCheckpoint | undefined;
  /** The latest checkpoints parties countersigned, with those parties, latest first; the chain was compared with them. */
  countersigned: CountersignedCheckpoint[];
}

export interface SubjectAccess {
  subjectPseudonym: string;
  entries: (AuditRecord & { partyName: string })[];
  nextPageToken: string;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly audit: AuditTrailRepository,
    private readonly registry: PartyRegistryService,
    private readonly parties: PartyRepository,
    private readonly subjects: SubjectPseudonymRepository,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly checkpoints: AuditCheckpointService,
    private readonly links: SubjectLinkRepository,
    private readonly verifications: AuditVerificationRepository,
    private readonly countersignatures: AuditCountersignatureService,
    private readonly quota: VerificationQuotaRepository,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'AUDIT_VERIFY_MAX_ENTRIES' | 'AUDIT_VERIFY_PARTY_CALLS_PER_HOUR'>,
  ) {}

  /**
   * Recomputes the hashes of a range (the whole chain by default, or what follows the latest verified checkpoint
   * when incremental) up to the chain head, page by page, yielding to the event loop every few hundred entries,
   * and never more than AUDIT_VERIFY_MAX_ENTRIES entries per call. Entries appended while it runs are beyond the
   * head it read and are left for the next verification. Then compares the chain with the hub's latest signed
   * checkpoint and with the checkpoints parties countersigned.
   *
   * Operators call it without a limit; a registered party within AUDIT_VERIFY_PARTY_CALLS_PER_HOUR. A party sees
   * the same verdict: hashes, sequences, counts and countersigning parties' OINs, never an entry's content. Only an
   * operator's verification moves the anchor of the next incremental one.
   */
  async verifyChain(caller: Caller, command: VerifyChainCommand): Promise<ChainVerification> {
    const operator = await this.admitVerification(caller);
    const head = await this.audit.head();
    const headSequence = BigInt(head.sequence);
    const verified = command.incremental ? await this.verifications.latest() : undefined;
    // A verified checkpoint beyond the head means the head was rewound: start over, and let the checkpoint say so.
    const resumeFrom = verified !== undefined && BigInt(verified.sequence) <= headSequence ? verified : undefined;
    const after = resumeFrom ? BigInt(resumeFrom.sequence) : command.fromSequence - 1n;
    if (after > headSequence) {
      throw invalidRequest([{ field: 'from_sequence', description: `must not be beyond the chain head (entry ${head.sequence})` }]);
    }
    const maxEntries = BigInt(this.config.AUDIT_VERIFY_MAX_ENTRIES);
    const limit = command.limit === null || command.limit > maxEntries ? maxEntries : command.limit;
    const upTo = after + limit > headSequence ? headSequence : after + limit;
    // The signed hash, not the stored row, anchors an incremental start: a rewritten entry there shows at the next link.
    const start = resumeFrom ?? (await this.startOf(after));
    if ('problem' in start) return { ...this.verdict(start, 0, after.toString(), head), checkpoint: undefined, countersigned: [] };
    const verifier = new AuditChainVerifier(start);
    let pageAfter = after.toString();
    while (BigInt(pageAfter) < upTo) {
      const page = await this.audit.page(pageAfter, upTo.toString(), VERIFY_PAGE);
      if (!(await this.checkInChunks(verifier, page)) || page.length < VERIFY_PAGE) break;
      pageAfter = page[page.length - 1].sequence;
    }
    let broken = upTo === headSequence ? verifier.finish(head) : verifier.firstBreak;
    const last = BigInt(verifier.lastVerifiedSequence);
    if (!broken && upTo !== headSequence && last < upTo) {
      // A range that ends before the head: entries cut off at its end have no head to show it.
      broken = { sequence: (last + 1n).toString(), problem: `entry ${last + 1n} is missing` };
    }
    if (!broken && upTo === headSequence && BigInt(head.highestStoredSequence) > headSequence) {
      broken = { sequence: (headSequence + 1n).toString(), problem: 'entries exist beyond the chain head' };
    }
    // Last, against what the database cannot rewrite: a rewound head, a deleted tail or a recomputed suffix
    // leaves a chain that agrees with itself, but not with the hub's latest signed checkpoint.
    const checkpoint = await this.latestCheckpoint();
    if (!broken && checkpoint) {
      broken = checkpointBreak(checkpoint, head, (await this.audit.entry(checkpoint.sequence))?.entryHash);
    }
    // And against keys the hub does not hold: a hub that rewrote history and re-signed its own checkpoints still
    // contradicts what the parties countersigned.
    const countersigned = await this.countersignatures.latest();
    if (!broken && countersigned.length > 0) {
      broken = countersignedBreak(countersigned, head, await this.storedHashes(countersigned.map((each) => each.sequence)));
    }
    // Everything up to the checkpoint was hashed from the genesis (or from a checkpoint verified so before): the
    // next incremental verification may start there.
    const fromAnchor = after === 0n || resumeFrom !== undefined;
    if (operator && !broken && checkpoint && fromAnchor && upTo === headSequence) {
      await this.verifications.record({ sequence: checkpoint.sequence, hash: checkpoint.entryHash }, this.clock.now(), operator.operatorId);
    }
    return { ...this.verdict(broken, verifier.verifiedEntries, verifier.lastVerifiedSequence, head), checkpoint, countersigned };
  }

  /**
   * The operator in person, or undefined for a party within its quota. An unknown party is refused as everywhere;
   * a party over its quota gets RESOURCE_EXHAUSTED with the delay after which it is let in again.
   */
  private async admitVerification(caller: Caller): Promise<CallingOperator | undefined> {
    if (caller.kind === 'operator') {
      await this.registry.hubOperator(caller.operator.oin);
      return caller.operator;
    }
    await this.registry.callerRecord(caller.party.oin);
    const decision = this.quota.admit(caller.party.oin, this.clock.now());
    if (!decision.admitted) {
      throw new HubError(
        'VERIFICATION_RATE_LIMITED',
        `Party ${caller.party.oin} made its ${this.config.AUDIT_VERIFY_PARTY_CALLS_PER_HOUR} audit verifications of the past hour; ` +
          `retry in ${Math.ceil(decision.retryAfterMs / 1000)} s`,
        { retryDelayMs: decision.retryAfterMs },
      );
    }
    return undefined;
  }

  /** The hashes the chain holds for these entries (absent when an entry is gone). */
  private async storedHashes(sequences: readonly string[]): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    for (const sequence of new Set(sequences)) {
      const entry = await this.audit.entry(sequence);
      if (entry) hashes.set(sequence, entry.entryHash);
    }
    return hashes;
  }

  /**
   * Operator only: records, before the dlt tool replays it, that this operator in person replays a dead letter.
   * The replay tool reads who from the answer, never from its own command line.
   */
  async recordDeadLetterReplay(
    operator: CallingOperator,
    command: DeadLetterReplayCommand,
  ): Promise<{ operatorId: string; sequence: string }> {
    await this.registry.hubOperator(operator.oin);
    const [entry] = await this.audit.append(null, [
      auditDraft({
        occurredAt: this.clock.now(),
        actorOin: operator.oin,
        actorOperator: operator.operatorId,
        action: 'DEAD_LETTER_REPLAYED',
        reason: `${command.deadLetterId} (${command.errorClass}) to ${command.sourceTopic}${command.eventId ? `, event ${command.eventId}` : ''}`,
      }),
    ]);
    return { operatorId: operator.operatorId, sequence: entry.sequence };
  }

  private async latestCheckpoint(): Promise<AuditCheckpoint | undefined> {
    try {
      return await this.checkpoints.latest();
    } catch (error: unknown) {
      // Without the checkpoints, an intact verdict would claim more than was checked.
      throw new HubError('AUDIT_UNAVAILABLE', 'The signed audit checkpoints could not be read, so the chain is not verified', {
        cause: error,
      });
    }
  }

  /**
   * The person's view (through the operator's portal): every entry about the subject, with party names. The
   * read and its audit entry are one transaction: no log is shown that was not recorded as read (fail closed).
   */
  async subjectAccess(operator: CallingOperator, command: SubjectAccessCommand): Promise<SubjectAccess> {
    await this.registry.hubOperator(operator.oin);
    const ownPseudonym = this.subjects.pseudonymOf(command.subject);
    let subjectPseudonym = ownPseudonym;
    let page: AuditRecord[];
    try {
      page = await this.transactions.run(async (tx) => {
        // The person is one subject whichever identifier names them (issue 11, leak 6): the entries written
        // under pseudonyms merged into it are theirs too (the chain itself is never rewritten).
        subjectPseudonym = (await this.links.resolve(tx, [ownPseudonym])).get(ownPseudonym) ?? ownPseudonym;
        const pseudonyms = [subjectPseudonym, ...(await this.links.membersOf(tx, subjectPseudonym))];
        const entries = await this.audit.pageForSubject(tx, pseudonyms, command.afterSequence, command.pageSize + 1);
        const read = auditDraft({
          occurredAt: this.clock.now(),
          actorOin: operator.oin,
          actorOperator: operator.operatorId,
          action: SUBJECT_ACCESS_LISTED,
          subjectPseudonym,
          purpose: command.purpose,
        });
        await this.audit.append(tx, [read]);
        return entries;
      });
    } catch (error: unknown) {
      this.logger.error(`Subject access read not recorded: ${error instanceof Error ? error.message : String(error)}`);
      throw new HubError('AUDIT_UNAVAILABLE', 'The read could not be recorded in the audit trail, so it is not answered', { cause: error });
    }
    const entries = page.slice(0, command.pageSize);
    const names = new Map((await this.parties.list()).map((party) => [party.oin, party.name]));
    return {
      subjectPseudonym,
      entries: entries.map((entry) => ({ ...entry, partyName: names.get(entry.actorOin) ?? '' })),
      nextPageToken: page.length > command.pageSize ? entries[entries.length - 1].sequence : '',
    };
  }

  /** The entry before the range, whose stored hash the range links to (trusted, not checked). */
  private async startOf(after: bigint): Promise<ChainHead | ChainBreak> {
    if (after === 0n) return { sequence: '0', hash: GENESIS_HASH };
    const entry = await this.audit.entry(after.toString());
    return entry
      ? { sequence: entry.sequence, hash: entry.entryHash }
      : { sequence: after.toString(), problem: `entry ${after} is missing` };
  }

  /** False at the first break. Hashing a page at once would hold the event loop for as long as the page takes. */
  private async checkInChunks(verifier: AuditChainVerifier, page: readonly AuditRecord[]): Promise<boolean> {
    for (let from = 0; from < page.length; from += VERIFY_CHUNK) {
      if (from > 0) await nextTurnOfEventLoop();
      if (!page.slice(from, from + VERIFY_CHUNK).every((record) => verifier.check(record))) return false;
    }
    return true;
  }

  private verdict(
    broken: ChainBreak | undefined,
    verifiedEntries: number,
    lastVerifiedSequence: string,
    head: { sequence: string; hash: string },
  ): Omit<ChainVerification, 'checkpoint' | 'countersigned'> {
    return {
      intact: broken === undefined,
      verifiedEntries,
      firstBrokenSequence: broken?.sequence ?? '0',
      problem: broken?.problem ?? '',
      headHash: head.hash,
      headSequence: head.sequence,
      lastVerifiedSequence,
    };
  }
}
