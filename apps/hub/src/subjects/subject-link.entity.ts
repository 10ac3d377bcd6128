import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Identity links (issue 11, leak 6): see subject-link.ts. */
@Entity({ name: 'subject_link' })
@Index('UQ_subject_link_active_member', ['memberPseudonym'], { unique: true, where: 'unlinked_at IS NULL' })
@Index('IDX_subject_link_subject', ['subjectPseudonym'])
@Index('IDX_subject_link_identifier', ['identifierPseudonym'])
export class SubjectLinkEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'member_pseudonym', type: 'text' })
  memberPseudonym!: string;

  @Column({ name: 'subject_pseudonym', type: 'text' })
  subjectPseudonym!: string;

  @Column({ name: 'identifier_kind', type: 'text' })
  identifierKind!: string;

  @Column({ name: 'identifier_pseudonym', type: 'text' })
  identifierPseudonym!: string;

  @Column({ name: 'case_reference', type: 'text' })
  caseReference!: string;

  @Column({ name: 'linked_by', type: 'char', length: 20 })
  linkedBy!: string;

  @Column({ name: 'linked_at', type: 'timestamptz' })
  linkedAt!: Date;

  @Column({ type: 'jsonb' })
  moved!: unknown;

  @Column({ name: 'unlinked_by', type: 'char', length: 20, nullable: true })
  unlinkedBy!: string | null;

  @Column({ name: 'unlinked_at', type: 'timestamptz', nullable: true })
  unlinkedAt!: Date | null;

  @Column({ name: 'unlink_reason', type: 'text', nullable: true })
  unlinkReason!: string | null;
}
