import type { EssentialPersonnelOutcome } from './essential-personnel.policy';
import type { EssentialPersonnelReasonCode } from './essential-personnel.reference';

/** An advice on one essential employee, as RVO keeps it: the facts it counted, never a salary or a name. */
export interface EssentialEmployeeAdviceRecord {
  readonly adviceReference: string;
  readonly startUpKvkNumber: string;
  readonly outcome: EssentialPersonnelOutcome;
  readonly reasonCodes: readonly EssentialPersonnelReasonCode[];
  readonly ruleVersion: string;
  readonly receivedOn: string;
  readonly residenceSchemeUntil: string | null;
  /** The start-up's permits counted with this advice (this one included when it holds a slot). */
  readonly startUpPermitsCounted: number;
  readonly recordedAt: Date;
}
