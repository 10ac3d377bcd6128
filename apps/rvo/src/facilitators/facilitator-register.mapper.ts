import type {
  FacilitatorChange as FacilitatorChangeMessage,
  FacilitatorStanding as FacilitatorStandingMessage,
} from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { toTimestamp } from '@welkom/platform';
import type { FacilitatorChange, FacilitatorStanding } from './facilitator';

export function toStandingMessage(standing: FacilitatorStanding): FacilitatorStandingMessage {
  return { ...standing };
}

export function toChangeMessage(change: FacilitatorChange): FacilitatorChangeMessage {
  return {
    sequence: change.sequence,
    kvkNumber: change.kvkNumber,
    changedByOin: change.changedByOin,
    operator: change.operator,
    changedAt: toTimestamp(change.changedAt),
    before: change.before === null ? undefined : toStandingMessage(change.before),
    after: toStandingMessage(change.after),
    reason: change.reason,
    previousHash: change.previousHash,
    hash: change.hash,
  };
}
