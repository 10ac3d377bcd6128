import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { PushedEvidenceEntity } from './pushed-evidence.entity';

@Injectable()
export class PushedEvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: pushing the same item again (the hub answered "already issued") rewrites the same row. */
  async record(row: PushedEvidenceEntity): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(PushedEvidenceEntity)
      .values(row)
      .orUpdate(['evidence_id', 'subject_pseudonym', 'content_sha256', 'schema_version'], ['evidence_type', 'item_reference'])
      .execute();
  }

  /** The facts about a person of these types that are still standing. */
  activeFor(tx: EntityManager, subjectPseudonym: string, evidenceTypes: readonly string[]): Promise<PushedEvidenceEntity[]> {
    return tx
      .getRepository(PushedEvidenceEntity)
      .createQueryBuilder('e')
      .where('e.subject_pseudonym = :subjectPseudonym', { subjectPseudonym })
      .andWhere('e.evidence_type IN (:...evidenceTypes)', { evidenceTypes })
      .andWhere('e.revoked_at IS NULL')
      .orderBy('e.pushed_at', 'ASC')
      .getMany();
  }

  findActiveFor(subjectPseudonym: string, evidenceTypes: readonly string[]): Promise<PushedEvidenceEntity[]> {
    return this.activeFor(this.dataSource.manager, subjectPseudonym, evidenceTypes);
  }

  async markRevoked(tx: EntityManager, evidenceType: string, itemReference: string, at: Date, reason: string): Promise<void> {
    await tx.getRepository(PushedEvidenceEntity).update({ evidenceType, itemReference, revokedAt: IsNull() }, { revokedAt: at, revocationReason: reason });
  }
}
