/** A facilitator's standing as RVO's register holds it: the facts about the facilitator itself, not its tie to a start-up. */
export interface FacilitatorStanding {
  readonly kvkNumber: string;
  readonly name: string;
  readonly registeredInKvk: boolean;
  readonly hasStartUpGuidanceExperience: boolean;
  readonly bankrupt: boolean;
  readonly negativeEquity: boolean;
}

/** One entry of the register's change log. */
export interface FacilitatorChange {
  readonly sequence: string;
  readonly kvkNumber: string;
  readonly changedByOin: string;
  readonly operator: string;
  readonly changedAt: Date;
  readonly before: FacilitatorStanding | null;
  readonly after: FacilitatorStanding;
  readonly reason: string;
  readonly previousHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
