import type { ListFacilitatorChangesRequest, RecordFacilitatorRequest } from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { fieldRule, invalid, KVK_NUMBER_PATTERN, message, parseRequest, text } from '@welkom/validation';
import { z } from 'zod';
import { flag } from '../start-up/start-up-advice.command';
import type { FacilitatorStanding } from './facilitator';

export interface RecordFacilitatorCommand {
  readonly standing: FacilitatorStanding;
  readonly operator: string;
  readonly reason: string;
}

const kvkNumber = () => text({ maxChars: 8, pattern: KVK_NUMBER_PATTERN, patternDescription: 'must be 8 digits' });

const recordSchema = z.object({
  facilitator: message({
    kvkNumber: kvkNumber(),
    name: text({ maxChars: 200 }),
    registeredInKvk: flag(),
    hasStartUpGuidanceExperience: flag(),
    bankrupt: flag(),
    negativeEquity: flag(),
  }),
  operator: text({ maxChars: 64 }),
  reason: text({ maxChars: 200 }),
});

export function recordFacilitatorCommand(request: RecordFacilitatorRequest): RecordFacilitatorCommand {
  const input = parseRequest(recordSchema, request);
  return { standing: input.facilitator, operator: input.operator, reason: input.reason };
}

const listSchema = z.object({
  kvkNumber: fieldRule((value) =>
    value === undefined || value === null || value === ''
      ? undefined
      : typeof value === 'string' && KVK_NUMBER_PATTERN.test(value)
        ? value
        : invalid('must be 8 digits'),
  ),
});

export function listFacilitatorChangesCommand(request: ListFacilitatorChangesRequest): string | undefined {
  return parseRequest(listSchema, request).kvkNumber;
}
