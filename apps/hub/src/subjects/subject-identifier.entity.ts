import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'subject_identifier' })
export class SubjectIdentifierEntity {
  @PrimaryColumn({ type: 'text' })
  pseudonym!: string;

  /** AES-256-GCM: version byte, IV, tag, ciphertext of the identifier. */
  @Column({ name: 'sealed_identifier', type: 'bytea' })
  sealedIdentifier!: Buffer;

  /** The id of the sealing key (`sk-…`); NULL only for rows sealed before key ids, until the hub fills it in. */
  @Index('IDX_subject_identifier_sealing_key')
  @Column({ name: 'sealing_key_id', type: 'text', nullable: true })
  sealingKeyId!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

/** Which key made what this database protects, per purpose (`pseudonym`). */
@Entity({ name: 'subject_key_binding' })
export class SubjectKeyBindingEntity {
  @PrimaryColumn({ type: 'text' })
  purpose!: string;

  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ name: 'bound_at', type: 'timestamptz', default: () => 'now()' })
  boundAt!: Date;
}
