import type { AdviseEssentialEmployeeRequest } from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { isoDate, KVK_NUMBER_PATTERN, parseRequest, referenceId, text } from '@welkom/validation';
import { z } from 'zod';
import { innovationJudgement, MAX_ADVICE_REFERENCE_CHARS, toInnovationFacts, whole } from '../start-up/start-up-advice.command';
import type { EssentialPersonnelFacts } from './essential-personnel.policy';

export interface AdviseEssentialEmployeeCommand {
  readonly adviceReference: string;
  readonly startUpKvkNumber: string;
  /** The policy's facts but for the two RVO counts itself: the permits held, and the wage evidence UWV has not issued. */
  readonly facts: Omit<EssentialPersonnelFacts, 'permitsHeld' | 'wage'>;
}

const adviseSchema = z.object({
  adviceReference: referenceId(MAX_ADVICE_REFERENCE_CHARS),
  startUpKvkNumber: text({ maxChars: 8, pattern: KVK_NUMBER_PATTERN, patternDescription: 'must be 8 digits' }),
  receivedOn: isoDate(),
  innovation: innovationJudgement(),
  employeesBeforeHire: whole(0, 100_000),
  participationBasisPoints: whole(0, 10_000),
  employmentStartsOn: isoDate(),
  participationObtainedOn: isoDate(),
});

export function adviseEssentialEmployeeCommand(request: AdviseEssentialEmployeeRequest): AdviseEssentialEmployeeCommand {
  const input = parseRequest(adviseSchema, request);
  return {
    adviceReference: input.adviceReference,
    startUpKvkNumber: input.startUpKvkNumber,
    facts: {
      receivedOn: input.receivedOn,
      innovation: toInnovationFacts(input.innovation),
      employeesBeforeHire: input.employeesBeforeHire,
      participationPercent: input.participationBasisPoints / 100,
      employmentStartsOn: input.employmentStartsOn,
      participationObtainedOn: input.participationObtainedOn,
    },
  };
}
