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

/** A sub-unit a party may act as, e.g. one consular post of the Ministry of Foreign Affairs. */
@Entity({ name: 'party_sub_unit' })
export class PartySubUnitEntity {
  @PrimaryColumn({ name: 'party_oin', type: 'char', length: 20 })
  partyOin!: string;

  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;
}
