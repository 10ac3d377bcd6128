import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'subject_identifier' })
export class SubjectIdentifierEntity {
  @PrimaryColumn({ type: 'text' })
  pseudonym!: string;

  /** AES-256-GCM: version byte, IV, tag, ciphertext of the identifier. */
  @Column({ name: 'sealed_identifier', type: 'bytea' })
  sealedIdentifier!: Buffer;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
