import type { IsoDate } from '@welkom/platform';
import type { WorkSituation } from '../labour-market/labour-market-rules.reference';
import type { LabourMarketReason, VacancyReport, WorkPermitOutcome } from '../labour-market/work-permit.decision';

/**
 * What UWV judges on the labour market: an employer's TWV application, or the IND's request for advice on a single
 * permit (GVVA). Both run the same rules and the same 5-week term.
 */
export type LabourMarketCaseKind = 'WORK_PERMIT' | 'GVVA_ADVICE';

export interface LabourMarketCase {
  readonly caseId: string;
  readonly kind: LabourMarketCaseKind;
  readonly employerOin: string;
  /** The employer's application reference (TWV) or the IND's case id (GVVA). */
  readonly caseReference: string;
  /** The employee as UWV keys them (employeeKeyOf), or `pseudonym:` for the IND's pseudonymous requests. */
  readonly subjectKey: string;
  readonly situation: WorkSituation;
  readonly workStartsOn: IsoDate;
  readonly hoursPerWeek: number;
  /** Empty when none was named. */
  readonly vacancyReference: string;
  readonly receivedOn: IsoDate;
  readonly termEndsOn: IsoDate;
  readonly outcome: WorkPermitOutcome;
  readonly reasons: readonly LabourMarketReason[];
  readonly decidedOn: IsoDate | null;
  readonly ruleVersion: string;
  readonly exemptionSource: string;
  readonly atRiskRaisedAt: Date | null;
  readonly createdAt: Date;
}

export interface StoredVacancyReport extends VacancyReport {
  readonly employerOin: string;
  readonly vacancyReference: string;
}
