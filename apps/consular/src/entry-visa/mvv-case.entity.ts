import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The table shape of an MVV leg (./mvv-case for services). */
@Entity({ name: 'consular_mvv_case' })
export class MvvCaseEntity {
  @PrimaryColumn({ name: 'application_ref', type: 'uuid', primaryKeyConstraintName: 'PK_consular_mvv_case' })
  applicationRef!: string;

  @Column({ name: 'subject_pseudonym', type: 'text' })
  subjectPseudonym!: string;

  @Column({ type: 'char', length: 2 })
  citizenship!: string;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ name: 'notified_on', type: 'char', length: 10 })
  notifiedOn!: string;

  @Column({ name: 'appear_by', type: 'char', length: 10 })
  appearBy!: string;

  @Column({ name: 'chosen_post', type: 'text', nullable: true })
  chosenPost!: string | null;

  @Column({ name: 'first_post', type: 'text', nullable: true })
  firstPost!: string | null;

  @Column({ type: 'text', nullable: true })
  post!: string | null;

  @Column({ name: 'appointment_on', type: 'char', length: 10, nullable: true })
  appointmentOn!: string | null;

  @Column({ name: 'first_post_waiting_days', type: 'integer', nullable: true })
  firstPostWaitingDays!: number | null;

  @Column({ type: 'jsonb' })
  reroutes!: { fromPost: string; toPost: string; reason: string }[];

  @Column({ name: 'captured_on', type: 'char', length: 10, nullable: true })
  capturedOn!: string | null;

  @Column({ name: 'biometrics_evidence_id', type: 'text', nullable: true })
  biometricsEvidenceId!: string | null;

  @Column({ name: 'issued_on', type: 'char', length: 10, nullable: true })
  issuedOn!: string | null;

  @Column({ name: 'enter_by', type: 'char', length: 10, nullable: true })
  enterBy!: string | null;

  @Column({ name: 'visa_sticker_number', type: 'text', nullable: true })
  visaStickerNumber!: string | null;

  @Column({ name: 'entered_on', type: 'char', length: 10, nullable: true })
  enteredOn!: string | null;

  @Column({ name: 'expiry_reason', type: 'text', nullable: true })
  expiryReason!: string | null;

  @Column({ name: 'expired_on', type: 'char', length: 10, nullable: true })
  expiredOn!: string | null;

  @Column({ name: 'reference_versions', type: 'jsonb' })
  referenceVersions!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
