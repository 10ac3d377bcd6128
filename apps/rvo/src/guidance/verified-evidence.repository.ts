import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VerifiedEvidenceEntity } from './verified-evidence.entity';

export interface VerifiedEvidenceFact {
  readonly evidenceId: string;
  readonly subjectPseudonym: string;
  readonly evidenceType: string;
  readonly validUntil: Date | null;
}

@Injectable()
export class VerifiedEvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: the same event applied twice leaves one row. */
  async upsert(fact: VerifiedEvidenceFact): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(VerifiedEvidenceEntity)
      .values({ ...fact })
      .orUpdate(['subject_pseudonym', 'evidence_type', 'valid_until'], ['evidence_id'])
      .execute();
  }

  async remove(evidenceId: string): Promise<void> {
    await this.dataSource.getRepository(VerifiedEvidenceEntity).delete({ evidenceId });
  }

  /** Evidence types the hub holds about the person that are still valid at `at`. */
  async typesValidFor(subjectPseudonym: string, at: Date): Promise<Set<string>> {
    const rows = await this.dataSource
      .getRepository(VerifiedEvidenceEntity)
      .createQueryBuilder('e')
      .select('DISTINCT e.evidence_type', 'evidence_type')
      .where('e.subject_pseudonym = :subjectPseudonym', { subjectPseudonym })
      .andWhere('(e.valid_until IS NULL OR e.valid_until > :at)', { at })
      .getRawMany<{ evidence_type: string }>();
    return new Set(rows.map((row) => row.evidence_type));
  }
}
