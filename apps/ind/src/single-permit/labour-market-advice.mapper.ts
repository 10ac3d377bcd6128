import type { LabourMarketAdvice } from '@welkom/contracts/generated/welkom/ind/v1/labour_market_advice';
import { LabourMarketAdviceOutcome } from '@welkom/contracts/generated/welkom/uwv/v1/labour_market_events';
import type { LabourMarketReason } from '@welkom/contracts/generated/welkom/uwv/v1/work_permits';
import type { LabourMarketAdviceRecord } from './labour-market-advice.repository';

// The casts trust what the consumer stored from UWV's checked event.
export function toLabourMarketAdvice(record: LabourMarketAdviceRecord): LabourMarketAdvice {
  return {
    applicationRef: record.applicationRef,
    requestedOn: record.requestedOn,
    outcome: (record.outcome as LabourMarketAdviceOutcome | null) ?? LabourMarketAdviceOutcome.LABOUR_MARKET_ADVICE_OUTCOME_UNSPECIFIED,
    reasons: record.reasons as LabourMarketReason[],
    exempt: record.exempt ?? false,
    advisedOn: record.advisedOn ?? '',
    ruleVersion: record.ruleVersion ?? '',
  };
}
