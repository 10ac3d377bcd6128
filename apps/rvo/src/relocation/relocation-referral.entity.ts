import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One relocation referral per IND application: pseudonymous facts only. */
@Entity({ name: 'rvo_relocation_referral' })
@Index('UQ_rvo_relocation_referral_application', ['applicationRef'], { unique: true })
@Index('IDX_rvo_relocation_referral_centre_arrival', ['centreCode', 'arrivalDate'])
export class RelocationReferralEntity {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid', primaryKeyConstraintName: 'PK_rvo_relocation_referral' })
  referralId!: string;

  @Column({ name: 'application_ref', type: 'text' })
  applicationRef!: string;

  @Column({ name: 'subject_pseudonym', type: 'text' })
  subjectPseudonym!: string;

  /** welkom.ind.v1.PermitCategory name. */
  @Column({ name: 'category', type: 'text' })
  category!: string;

  /** Empty when the application has no sponsor (a founder). */
  @Column({ name: 'sponsor_oin', type: 'text' })
  sponsorOin!: string;

  @Column({ name: 'arrival_date', type: 'date' })
  arrivalDate!: string;

  @Column({ name: 'centre_code', type: 'text' })
  centreCode!: string;

  @Column({ name: 'centre_name', type: 'text' })
  centreName!: string;

  @Column({ name: 'basis', type: 'text' })
  basis!: string;

  @Column({ name: 'centre_table_version', type: 'text' })
  centreTableVersion!: string;

  /** welkom.ind.v1.ApplicationStatus name: GRANTED or MVV_ISSUED. */
  @Column({ name: 'trigger', type: 'text' })
  trigger!: string;

  @Column({ name: 'referred_at', type: 'timestamptz' })
  referredAt!: Date;
}
