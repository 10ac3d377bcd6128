import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SubjectRelationRecord } from './subject-relation';

@Injectable()
export class SubjectRelationRepository {
  /** Records a relation unless the same one (kind, party, subject, case) is known; true when it is new. */
  async record(tx: EntityManager, relation: SubjectRelationRecord): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO subject_relation
         (id, kind, party_oin, subject_pseudonym, case_reference, established_by, established_at, ended_at, end_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL)
       ON CONFLICT ON CONSTRAINT "UQ_subject_relation" DO NOTHING
       RETURNING id`,
      [
        relation.id,
        relation.kind,
        relation.partyOin,
        relation.subjectPseudonym,
        relation.caseReference,
        relation.establishedBy,
        relation.establishedAt,
      ],
    );
    return rows.length > 0;
  }
}
