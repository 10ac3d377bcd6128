import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PartyEntity } from './party.entity';

export interface PartyRecord {
  oin: string;
  name: string;
  roles: string[];
}

@Injectable()
export class PartyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByOin(oin: string): Promise<PartyRecord | null> {
    return this.dataSource.getRepository(PartyEntity).findOneBy({ oin });
  }

  async list(): Promise<PartyRecord[]> {
    return this.dataSource.getRepository(PartyEntity).find({ order: { oin: 'ASC' } });
  }

  /** Insert or update by OIN; reference data loads are repeatable. */
  async upsert(parties: PartyRecord[]): Promise<void> {
    if (parties.length === 0) return;
    await this.dataSource
      .getRepository(PartyEntity)
      .upsert(parties.map((p) => ({ oin: p.oin, name: p.name, roles: p.roles })), ['oin']);
  }
}
