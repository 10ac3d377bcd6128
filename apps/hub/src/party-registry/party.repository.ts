import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PartyEntity } from './party.entity';

export interface PartySubUnit {
  code: string;
  name: string;
}

export interface PartyRecord {
  oin: string;
  name: string;
  roles: string[];
  /** Sub-units a party may act as (e.g. one consular post); empty for most parties. */
  subUnits: PartySubUnit[];
}

interface PartyRow {
  oin: string;
  name: string;
  roles: string[];
  sub_units: PartySubUnit[] | null;
}

const SELECT_PARTIES = `
  SELECT p.oin, p.name, p.roles,
         (SELECT json_agg(json_build_object('code', s.code, 'name', s.name) ORDER BY s.code)
            FROM party_sub_unit s WHERE s.party_oin = p.oin) AS sub_units
  FROM party p`;

function toRecord(row: PartyRow): PartyRecord {
  return { oin: row.oin, name: row.name, roles: row.roles, subUnits: row.sub_units ?? [] };
}

@Injectable()
export class PartyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByOin(oin: string): Promise<PartyRecord | null> {
    const rows = await this.dataSource.query<PartyRow[]>(`${SELECT_PARTIES} WHERE p.oin = $1`, [oin]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async list(): Promise<PartyRecord[]> {
    const rows = await this.dataSource.query<PartyRow[]>(`${SELECT_PARTIES} ORDER BY p.oin`);
    return rows.map(toRecord);
  }

  /**
   * Insert or update by OIN, sub-units replaced; reference data loads are repeatable. `alsoInTransaction` runs in
   * the same transaction (the audit of what changed commits with the change).
   */
  async upsert(parties: PartyRecord[], alsoInTransaction: (tx: EntityManager) => Promise<void> = () => Promise.resolve()): Promise<void> {
    if (parties.length === 0) return;
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(PartyEntity).upsert(
        parties.map((p) => ({ oin: p.oin, name: p.name, roles: p.roles })),
        ['oin'],
      );
      await tx.query('DELETE FROM party_sub_unit WHERE party_oin = ANY($1::char(20)[])', [parties.map((p) => p.oin)]);
      const subUnits = parties.flatMap((p) => p.subUnits.map((s) => ({ party_oin: p.oin, code: s.code, name: s.name })));
      if (subUnits.length > 0) {
        await tx.query(
          `INSERT INTO party_sub_unit (party_oin, code, name)
           SELECT party_oin, code, name FROM jsonb_to_recordset($1::jsonb) AS r(party_oin char(20), code text, name text)`,
          [JSON.stringify(subUnits)],
        );
      }
      await alsoInTransaction(tx);
    });
  }
}
