import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A revoked operator (migration 1765700000000): final, insert-only for the service role. */
@Entity({ name: 'operator_revocation' })
export class OperatorRevocationEntity {
  @PrimaryColumn({ name: 'operator_id', type: 'text', primaryKeyConstraintName: 'PK_operator_revocation' })
  operatorId!: string;

  @Column({ name: 'revoked_at', type: 'timestamptz' })
  revokedAt!: Date;

  @Column({ name: 'revoked_by', type: 'text' })
  revokedBy!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'audit_sequence', type: 'bigint' })
  auditSequence!: string;
}
