import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** The vault: verified evidence with provenance. Payloads are canonical protobuf bytes, hashed. */
@Entity({ name: 'evidence' })
@Unique('UQ_evidence_source_reference', ['issuerOin', 'evidenceType', 'sourceReference'])
@Index('IDX_evidence_subject', ['evidenceType', 'subjectPseudonym', 'verifiedAt'])
export class EvidenceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'evidence_type', type: 'text' })
  evidenceType!: string;

  @Column({ name: 'subject_pseudonym', type: 'text' })
  subjectPseudonym!: string;

  @Column({ name: 'issuer_oin', type: 'char', length: 20 })
  issuerOin!: string;

  @Column({ name: 'issuer_sub_unit', type: 'text', default: '' })
  issuerSubUnit!: string;

  @Column({ name: 'source_reference', type: 'text' })
  sourceReference!: string;

  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion!: number;

  @Column({ type: 'bytea' })
  payload!: Buffer;

  /** Unsalted: stays in the vault, for the vault's own integrity check. */
  @Column({ name: 'content_sha256', type: 'char', length: 64 })
  contentSha256!: string;

  /** Opens content_commitment; never leaves the hub. */
  @Column({ name: 'commitment_salt', type: 'bytea' })
  commitmentSalt!: Buffer;

  /** SHA-256 of commitment_salt ‖ payload: what holders of the evidence are given (issue 11, leak 3). */
  @Column({ name: 'content_commitment', type: 'char', length: 64 })
  contentCommitment!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'verified_at', type: 'timestamptz' })
  verifiedAt!: Date;

  @Column({ name: 'valid_until', type: 'timestamptz' })
  validUntil!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason!: string | null;
}
