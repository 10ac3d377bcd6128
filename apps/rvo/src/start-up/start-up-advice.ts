import type { InnovationTest, StartUpReasonCode } from './start-up-rules.reference';
import type { StartUpAdviceOutcome } from './start-up-assessment.policy';

/** An advice RVO gave and issued to the hub: what the connector remembers (never the business plan, never the founder's identifier). */
export interface StartUpAdviceRecord {
  readonly adviceReference: string;
  readonly outcome: StartUpAdviceOutcome;
  readonly reasonCodes: readonly StartUpReasonCode[];
  readonly innovationTestsMet: readonly InnovationTest[];
  readonly ruleVersion: string;
  readonly assessedOn: string;
  readonly facilitatorKvkNumber: string;
  readonly founderPseudonym: string;
  readonly evidenceId: string;
  readonly contentSha256: string;
  readonly schemaVersion: number;
  readonly recordedAt: Date;
}
