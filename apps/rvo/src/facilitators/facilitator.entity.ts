import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A facilitator's current standing in RVO's register (table rvo_facilitator). */
@Entity({ name: 'rvo_facilitator' })
export class FacilitatorEntity {
  @PrimaryColumn({ name: 'kvk_number', type: 'char', length: 8, primaryKeyConstraintName: 'PK_rvo_facilitator' })
  kvkNumber!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'registered_in_kvk', type: 'boolean' })
  registeredInKvk!: boolean;

  @Column({ name: 'has_start_up_guidance_experience', type: 'boolean' })
  hasStartUpGuidanceExperience!: boolean;

  @Column({ name: 'bankrupt', type: 'boolean' })
  bankrupt!: boolean;

  @Column({ name: 'negative_equity', type: 'boolean' })
  negativeEquity!: boolean;
}

/** The register's append-only, hash-chained change log (table rvo_facilitator_change). */
@Entity({ name: 'rvo_facilitator_change' })
export class FacilitatorChangeEntity {
  @PrimaryGeneratedColumn({ name: 'sequence', type: 'bigint', primaryKeyConstraintName: 'PK_rvo_facilitator_change' })
  sequence!: string;

  @Column({ name: 'kvk_number', type: 'char', length: 8 })
  kvkNumber!: string;

  @Column({ name: 'changed_by_oin', type: 'char', length: 20 })
  changedByOin!: string;

  @Column({ name: 'operator', type: 'text' })
  operator!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  @Column({ name: 'before', type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ name: 'after', type: 'jsonb' })
  after!: Record<string, unknown>;

  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  @Column({ name: 'previous_hash', type: 'char', length: 64 })
  previousHash!: string;

  @Column({ name: 'hash', type: 'char', length: 64 })
  hash!: string;
}
