import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'party' })
export class PartyEntity {
  /** OIN, 20 digits. */
  @PrimaryColumn({ type: 'char', length: 20 })
  oin!: string;

  @Column({ type: 'text' })
  name!: string;

  /** PartyRole names, e.g. PARTY_ROLE_UNIVERSITY. */
  @Column({ type: 'text', array: true })
  roles!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
