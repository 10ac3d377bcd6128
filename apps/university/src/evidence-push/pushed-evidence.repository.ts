import { Injectable } from '@nestjs/common';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { PushedEvidenceRecord } from './pushed-evidence';
import { PushedEvidenceEntity } from './pushed-evidence.entity';

// The entity is the table's shape; services see ./pushed-evidence. The cast trusts what the connector wrote.
function toRecord(entity: PushedEvidenceEntity): PushedEvidenceRecord {
  return {
    evidenceType: entity.evidenceType as EvidenceType,
    itemReference: entity.itemReference,
    evidenceId: entity.evidenceId,
    subjectPseudonym: entity.subjectPseudonym,
    contentSha256: entity.contentSha256,
    contentCommitment: entity.contentCommitment,
    schemaVersion: entity.schemaVersion,
    pushedAt: entity.pushedAt,
    revokedAt: entity.revokedAt,
    revocationReason: entity.revocationReason,
  };
}

@Injectable()
export class PushedEvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: pushing the same item again (the hub answered "already issued") rewrites the same row. */
  async record(evidence: PushedEvidenceRecord): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(PushedEvidenceEntity)
      .values({ ...evidence })
      .orUpdate(
        ['evidence_id', 'subject_pseudonym', 'content_sha256', 'content_commitment', 'schema_version'],
        ['evidence_type', 'item_reference'],
      )
      .execute();
  }

  /** The facts about a person of these types that are still standing. */
  async activeFor(tx: EntityManager, subjectPseudonym: string, evidenceTypes: readonly string[]): Promise<PushedEvidenceRecord[]> {
    const entities = await tx
      .getRepository(PushedEvidenceEntity)
      .createQueryBuilder('e')
      .where('e.subject_pseudonym = :subjectPseudonym', { subjectPseudonym })
      .andWhere('e.evidence_type IN (:...evidenceTypes)', { evidenceTypes })
      .andWhere('e.revoked_at IS NULL')
      .orderBy('e.pushed_at', 'ASC')
      .getMany();
    return entities.map(toRecord);
  }

  findActiveFor(subjectPseudonym: string, evidenceTypes: readonly string[]): Promise<PushedEvidenceRecord[]> {
    return this.activeFor(this.dataSource.manager, subjectPseudonym, evidenceTypes);
  }

  async markRevoked(tx: EntityManager, evidenceType: string, itemReference: string, at: Date, reason: string): Promise<void> {
    await tx
      .getRepository(PushedEvidenceEntity)
      .update({ evidenceType, itemReference, revokedAt: IsNull() }, { revokedAt: at, revocationReason: reason });
  }
}
