import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EvidenceQuestionRecord } from './evidence-request';

@Entity({ name: 'evidence_request' })
@Index('IDX_evidence_request_pending_subject', ['evidenceType', 'subjectPseudonym'], { where: `"status" = 'PENDING'` })
@Index('IDX_evidence_request_pending_deadline', ['deadline'], { where: `"status" = 'PENDING'` })
@Index('IDX_evidence_request_pending_routed', ['routedSourceOin', 'deadline'], { where: `"status" = 'PENDING'` })
@Index('UQ_evidence_request_open', ['requesterOin', 'requesterSubUnit', 'evidenceType', 'subjectPseudonym', 'purpose'], {
  unique: true,
  where: `"status" = 'PENDING'`,
})
export class EvidenceRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'requester_oin', type: 'char', length: 20 })
  requesterOin!: string;

  @Column({ name: 'requester_sub_unit', type: 'text', default: '' })
  requesterSubUnit!: string;

  @Column({ name: 'evidence_type', type: 'text' })
  evidenceType!: string;

  @Column({ name: 'subject_pseudonym', type: 'text' })
  subjectPseudonym!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis!: string;

  @Column({ name: 'explicit_request_by_person', type: 'boolean' })
  explicitRequestByPerson!: boolean;

  @Column({ name: 'grant_id', type: 'uuid' })
  grantId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'evidence_id', type: 'uuid', nullable: true })
  evidenceId!: string | null;

  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true })
  expiredAt!: Date | null;

  /** The one source that sees this pending request and may complete it; null when unrouted. */
  @Column({ name: 'routed_source_oin', type: 'char', length: 20, nullable: true })
  routedSourceOin!: string | null;

  /** The requester's question for the source of a derived fact (criterion, reference date, table version). */
  @Column({ name: 'question', type: 'jsonb', nullable: true })
  question!: EvidenceQuestionRecord | null;

  /** When the routed source first saw the subject identifier (audited then, not on every later poll). */
  @Column({ name: 'identifier_disclosed_at', type: 'timestamptz', nullable: true })
  identifierDisclosedAt!: Date | null;
}
