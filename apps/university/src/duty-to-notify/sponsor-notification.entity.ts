import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A change the university reported under its duty to notify (meldplicht), and what it revoked for it. */
@Entity({ name: 'university_sponsor_notification' })
@Unique('UQ_university_sponsor_notification_change', ['applicationReference', 'change', 'factDate'])
export class SponsorNotificationEntity {
  @PrimaryColumn({ name: 'notification_id', type: 'uuid', primaryKeyConstraintName: 'PK_university_sponsor_notification' })
  notificationId!: string;

  @Column({ name: 'application_reference', type: 'text' })
  applicationReference!: string;

  @Column({ type: 'text' })
  change!: string;

  @Column({ name: 'fact_date', type: 'char', length: 10 })
  factDate!: string;

  @Column({ name: 'reported_on', type: 'char', length: 10 })
  reportedOn!: string;

  @Column({ name: 'reported_late', type: 'boolean' })
  reportedLate!: boolean;

  /** Reports stored before issue 11 hold `contentSha256` (the unsalted hash) instead of `contentCommitment`. */
  @Column({ name: 'revoked_evidence', type: 'jsonb' })
  revokedEvidence!: {
    evidenceId: string;
    evidenceType: string;
    contentCommitment?: string;
    contentSha256?: string;
    schemaVersion: number;
  }[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
