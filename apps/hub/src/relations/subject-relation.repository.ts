import { Injectable } from '@nestjs/common';
import { queryRows } from '@welkom/persistence';
import type { EntityManager } from 'typeorm';
import type { RelationKind, SubjectRelationRecord } from './subject-relation';

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

  /** Ends the active relations of a kind resting on a case (of one party, when given); returns those it ended. */
  async endForCase(
    tx: EntityManager,
    kind: RelationKind,
    caseReference: string,
    at: Date,
    reason: string,
    partyOin: string | null = null,
  ): Promise<Pick<SubjectRelationRecord, 'partyOin' | 'subjectPseudonym'>[]> {
    const rows = queryRows<{ party_oin: string; subject_pseudonym: string }>(
      await tx.query(
        `UPDATE subject_relation SET ended_at = $3, end_reason = $4
          WHERE kind = $1 AND case_reference = $2 AND ended_at IS NULL AND ($5::char(20) IS NULL OR party_oin = $5)
          RETURNING party_oin, subject_pseudonym`,
        [kind, caseReference, at, reason, partyOin],
      ),
    );
    return rows.map((row) => ({ partyOin: row.party_oin.trim(), subjectPseudonym: row.subject_pseudonym }));
  }
}
