import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { WageDeclaration } from './wage-declaration';
import { WageDeclarationEntity } from './wage-declaration.entity';

export type StoredWageDeclaration = WageDeclaration & { readonly importedAt: Date };

function toDeclaration(entity: WageDeclarationEntity): StoredWageDeclaration {
  return {
    employerOin: entity.employerOin,
    declarationReference: entity.declarationReference,
    employeeKey: entity.employeeKey,
    periodStart: entity.periodStart,
    grossMonthlySalaryCents: Number(entity.grossMonthlySalaryCents),
    employmentEndedOn: entity.employmentEndedOn,
    importedAt: entity.importedAt,
  };
}

@Injectable()
export class WageDeclarationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps each (employer, declaration reference) once; returns how many were new. */
  async insertNew(tx: EntityManager, declarations: readonly WageDeclaration[], importedAt: Date): Promise<number> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(WageDeclarationEntity)
      .values(declarations.map((d) => ({ ...d, grossMonthlySalaryCents: String(d.grossMonthlySalaryCents), importedAt })))
      .orIgnore()
      .returning('declaration_reference')
      .execute();
    // ON CONFLICT DO NOTHING returns only the rows it inserted.
    return (result.raw as unknown[]).length;
  }

  /** The employee's declarations; only one employer's when `employerOin` is given. */
  async ofEmployee(employeeKey: string, employerOin: string | null = null): Promise<StoredWageDeclaration[]> {
    const entities = await this.dataSource
      .getRepository(WageDeclarationEntity)
      .findBy(employerOin === null ? { employeeKey } : { employeeKey, employerOin });
    return entities.map(toDeclaration);
  }
}
