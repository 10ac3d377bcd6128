import { Injectable, Logger } from '@nestjs/common';
import { SubjectIdentifierRepository } from './subject-identifier.repository';
import { SubjectPseudonymRepository } from './subject-pseudonym.repository';
import { type SubjectId } from './subject-identifier';

/**
 * Sealing-key rotation: identifiers sealed under an older key the hub still holds are opened and sealed again
 * under the current one, a batch per transaction, until none is left. Reads keep working throughout, because the
 * old key stays in SUBJECT_SEALING_KEYS until the hub says it is no longer needed.
 */
@Injectable()
export class SubjectResealService {
  private readonly logger = new Logger('SubjectReseal');
  private reportedDone = false;

  constructor(
    private readonly subjects: SubjectPseudonymRepository,
    private readonly identifiers: SubjectIdentifierRepository,
  ) {}

  /** Re-seals batches until nothing is under an old key, or `shouldStop`; returns how many were re-sealed. */
  async resealPending(batchSize: number, shouldStop: () => boolean = () => false): Promise<number> {
    const current = this.subjects.keys.sealing;
    if (!current) return 0;
    let total = 0;
    for (;;) {
      const resealed = await this.identifiers.resealBatch(current.id, batchSize, (sealed) =>
        this.subjects.seal(this.subjects.open(sealed) as Exclude<SubjectId, { kind: 'pseudonym' }>),
      );
      total += resealed;
      if (resealed < batchSize || shouldStop()) break;
    }
    if (total > 0) {
      this.reportedDone = false;
      this.logger.log(`Re-sealed ${total} identifier(s) under ${current.id}`);
    }
    if (total === 0 && !this.reportedDone && this.subjects.keys.readableKeyIds().length > 1) {
      this.reportedDone = true;
      this.logger.log(`Every identifier is sealed under ${current.id}; older sealing keys can leave SUBJECT_SEALING_KEYS`);
    }
    return total;
  }
}
