import type { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { EvidenceQuestion } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import type { IsoDate } from '@welkom/platform';
import type { SalaryThresholdReference } from '@welkom/reference-data';
import type { KnowledgeMigrantDetails } from './knowledge-migrant.command';
import { isKnowledgeMigrantCategory } from './knowledge-migrant.command';
import { applicableCriterion } from './knowledge-migrant.policy';

/**
 * What the IND asks UWV about a knowledge migrant's wage (the hub's EvidenceQuestion): the criterion, reference
 * date and table version the decision will measure against (applicableCriterion), so UWV's yes/no answers exactly
 * that, on the declarations of the sponsor who filed. Undefined for any other case, or without the details or the table.
 */
export function wageQuestionFor(
  table: SalaryThresholdReference | undefined,
  application: { category: PermitCategory; knowledgeMigrant?: KnowledgeMigrantDetails | null; receivedOn: IsoDate; sponsorOin: string },
): EvidenceQuestion | undefined {
  const { category, knowledgeMigrant, receivedOn } = application;
  if (table === undefined || !knowledgeMigrant || !isKnowledgeMigrantCategory(category)) return undefined;
  const { criterion, referenceDate } = applicableCriterion(table, { ...knowledgeMigrant, category, submittedOn: receivedOn });
  // The wage must be the sponsor's: a salary another employer pays does not carry this permit.
  return { criterion, referenceDate, tableVersion: table.version, employerOin: application.sponsorOin };
}
