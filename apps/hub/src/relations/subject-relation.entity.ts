import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** Relations between parties and subjects the hub knows from checked facts (issue 11, leak 4). */
@Entity({ name: 'subject_relation' })
@Unique('UQ_subject_relation', ['kind', 'partyOin', 'subjectPseudonym', 'caseReference'])
@Index('IDX_subject_relation_party_subject', ['partyOin', 'subjectPseudonym'])
export class SubjectRelationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'party_oin', type: 'char', length: 20 })
  partyOin!: string;

  @Column({ name: 'subject_pseudonym', type: 'text' })
  subjectPseudonym!: string;

  @Column({ name: 'case_reference', type: 'text' })
  caseReference!: string;

  @Column({ name: 'established_by', type: 'char', length: 20 })
  establishedBy!: string;

  @Column({ name: 'established_at', type: 'timestamptz' })
  establishedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;
}
