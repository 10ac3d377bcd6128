import type {
  LabourMarketReason,
  WorkPermitCase,
  WorkPermitOutcome,
  WorkSituation,
} from '@welkom/contracts/generated/welkom/uwv/v1/work_permits';
import type { LabourMarketCase } from './labour-market-case';

/** A case as its employer sees it: no employee identifier (the employer sent it), no internal bookkeeping. */
export function toWorkPermitCase(record: LabourMarketCase): WorkPermitCase {
  return {
    caseId: record.caseId,
    applicationReference: record.caseReference,
    situation: `WORK_SITUATION_${record.situation}` as WorkSituation,
    outcome: `WORK_PERMIT_OUTCOME_${record.outcome}` as WorkPermitOutcome,
    reasons: record.reasons.map((reason) => `LABOUR_MARKET_REASON_${reason}` as LabourMarketReason),
    receivedOn: record.receivedOn,
    termEndsOn: record.termEndsOn,
    decidedOn: record.decidedOn ?? '',
    ruleVersion: record.ruleVersion,
    exemptionSource: record.exemptionSource,
  };
}
