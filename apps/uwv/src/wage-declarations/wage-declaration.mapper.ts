import type { ImportWageDeclarationsResponse } from '@welkom/contracts/generated/welkom/uwv/v1/wage_declarations';
import type { WageDeclarationImport } from './wage-declaration';

export function toImportResponse(result: WageDeclarationImport): ImportWageDeclarationsResponse {
  return { imported: result.imported, alreadyImported: result.alreadyImported };
}
