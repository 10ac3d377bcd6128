import type { IsoDate } from '@welkom/platform';
import type { SalaryCriterion } from '@welkom/reference-data';

/** A wage fact UWV issued to the hub (UWV's own record of it; the hub holds the evidence). */
export interface IssuedWageFact {
  readonly sourceReference: string;
  readonly evidenceId: string;
  readonly employeeKey: string;
  /** The employer whose declarations the fact rests on; null when the question named none (any employer's). */
  readonly employerOin: string | null;
  readonly criterion: SalaryCriterion;
  readonly referenceDate: IsoDate;
  readonly tableVersion: string;
  readonly meetsThreshold: boolean;
  readonly issuedAt: Date;
}
