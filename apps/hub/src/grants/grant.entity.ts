import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'evidence_grant' })
@Index('IDX_evidence_grant_type_oin', ['evidenceType', 'requesterOin'])
@Index('IDX_evidence_grant_type_role', ['evidenceType', 'requesterRole'])
export class GrantEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'requester_oin', type: 'char', length: 20, nullable: true })
  requesterOin!: string | null;

  @Column({ name: 'requester_role', type: 'text', nullable: true })
  requesterRole!: string | null;

  @Column({ name: 'requester_sub_unit', type: 'text', default: '' })
  requesterSubUnit!: string;

  @Column({ name: 'evidence_type', type: 'text' })
  evidenceType!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis!: string;

  @Column({ name: 'allowed_fields', type: 'text', array: true })
  allowedFields!: string[];

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz' })
  validTo!: Date;

  @Column({ name: 'requires_explicit_request', type: 'boolean', default: false })
  requiresExplicitRequest!: boolean;

  /** The relation with the subject the requester must hold (relations/subject-relation.ts); null: none. */
  @Column({ name: 'required_relation', type: 'text', nullable: true })
  requiredRelation!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'char', length: 20 })
  createdBy!: string;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'ended_by', type: 'char', length: 20, nullable: true })
  endedBy!: string | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;

  /** The operator in person who proposed it (issue 12); null for a grant loaded from the seed file. */
  @Column({ name: 'proposed_by', type: 'text', nullable: true })
  proposedBy!: string | null;

  /** When a second operator approved it, or it was loaded from the seed file; null: proposed, not in force. */
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy!: string | null;
}
