import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClockRepository, TransactionRepository } from '@welkom/platform';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { type AuditCheckpoint, chainIdOf, checkpointBreak, latestCheckpoint } from './audit-checkpoint';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';
import { AuditTrailRepository } from './audit-trail.repository';

/** Signs the audit chain's head now and then (AuditCheckpointWorker) and publishes it outside the database. */
@Injectable()
export class AuditCheckpointService {
  private readonly logger = new Logger(AuditCheckpointService.name);
  private lastSigned: AuditCheckpoint | undefined;
  private lastSignedLoaded = false;

  constructor(
    private readonly audit: AuditTrailRepository,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'AUDIT_CHAIN_ID'>,
  ) {}

  /** This hub's chain identity (chainIdOf); undefined while the chain is empty. */
  async chainId(): Promise<string | undefined> {
    return chainIdOf(this.config.AUDIT_CHAIN_ID, (await this.audit.entry('1'))?.entryHash);
  }

  /** The latest checkpoint of this hub's chain, if any was published. */
  async latest(): Promise<AuditCheckpoint | undefined> {
    const chainId = await this.chainId();
    return chainId === undefined ? undefined : latestCheckpoint(await this.checkpoints.signed(chainId));
  }

  /**
   * A new checkpoint when the head moved since the last one. A chain that contradicts the last checkpoint is
   * not signed again: that would bless a rewritten history with the hub's key. It is logged as an error instead,
   * and VerifyAuditChain reports it.
   */
  async checkpoint(): Promise<AuditCheckpoint | undefined> {
    const chainId = await this.chainId();
    if (chainId === undefined) return undefined;
    if (!this.lastSignedLoaded) {
      this.lastSigned = latestCheckpoint(await this.checkpoints.signed(chainId));
      this.lastSignedLoaded = true;
    }
    const head = await this.audit.head();
    if (head.sequence === '0' || head.sequence === this.lastSigned?.sequence) return undefined;
    if (this.lastSigned) {
      const broken = checkpointBreak(this.lastSigned, head, (await this.audit.entry(this.lastSigned.sequence))?.entryHash);
      if (broken) {
        this.logger.error(`Audit chain contradicts its last signed checkpoint, not signing another: ${broken.problem}`);
        return undefined;
      }
    }
    const checkpoint: AuditCheckpoint = { chainId, sequence: head.sequence, entryHash: head.hash, takenAt: this.clock.now() };
    await this.transactions.run((tx) => this.checkpoints.publish(tx, checkpoint));
    this.lastSigned = checkpoint;
    return checkpoint;
  }
}
