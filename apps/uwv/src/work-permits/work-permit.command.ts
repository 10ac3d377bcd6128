import type {
  ApplyForWorkPermitRequest,
  RecordPrioritySupplyRequest,
  ReportVacancyRequest,
} from '@welkom/contracts/generated/welkom/uwv/v1/work_permits';
import { fieldRule, invalid, isoDate, message, oin, oneOf, parseRequest, personIdentifier, referenceId } from '@welkom/validation';
import { WORK_SITUATIONS, type WorkSituation } from '../labour-market/labour-market-rules.reference';
import { employeeKeyOf } from '../wage-declarations/wage-declaration';

export const MAX_REFERENCE_CHARS = 64;
/** A week has 168 hours; a job of more than 60 a week is a typing error, not a side job. */
const MAX_HOURS_PER_WEEK = 60;
/** A search that found more than this many candidates for one vacancy is a typing error. */
const MAX_SUITABLE_CANDIDATES = 100_000;

export interface ReportVacancyCommand {
  readonly vacancyReference: string;
  readonly reportedOn: string;
}

export interface ApplyForWorkPermitCommand {
  readonly applicationReference: string;
  readonly employeeKey: string;
  readonly situation: WorkSituation;
  readonly workStartsOn: string;
  readonly hoursPerWeek: number;
  readonly vacancyReference: string;
}

export interface RecordPrioritySupplyCommand {
  readonly employerOin: string;
  readonly vacancyReference: string;
  readonly suitableCandidates: number;
}

const whole = (min: number, max: number) =>
  fieldRule((value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? (value as number)
      : invalid(`must be a whole number from ${min} to ${max}`),
  );

const situation = () =>
  oneOf(
    WORK_SITUATIONS.map((name) => `WORK_SITUATION_${name}`),
    `must be one of ${WORK_SITUATIONS.map((name) => `WORK_SITUATION_${name}`).join(', ')}`,
  );

const vacancySchema = message({ vacancyReference: referenceId(MAX_REFERENCE_CHARS), reportedOn: isoDate() });

const applicationSchema = message({
  applicationReference: referenceId(MAX_REFERENCE_CHARS),
  employee: personIdentifier('must name a person: a work permit is for one foreign national'),
  situation: situation(),
  workStartsOn: isoDate(),
  hoursPerWeek: whole(1, MAX_HOURS_PER_WEEK),
  vacancyReference: referenceId(MAX_REFERENCE_CHARS, { required: false }),
});

const prioritySupplySchema = message({
  employerOin: oin(),
  vacancyReference: referenceId(MAX_REFERENCE_CHARS),
  suitableCandidates: whole(0, MAX_SUITABLE_CANDIDATES),
});

export function reportVacancyCommand(request: ReportVacancyRequest): ReportVacancyCommand {
  return parseRequest(vacancySchema, request);
}

export function applyForWorkPermitCommand(request: ApplyForWorkPermitRequest): ApplyForWorkPermitCommand {
  const input = parseRequest(applicationSchema, request);
  return {
    applicationReference: input.applicationReference,
    employeeKey: employeeKeyOf(input.employee),
    situation: input.situation.replace(/^WORK_SITUATION_/, '') as WorkSituation,
    workStartsOn: input.workStartsOn,
    hoursPerWeek: input.hoursPerWeek,
    vacancyReference: input.vacancyReference,
  };
}

export function recordPrioritySupplyCommand(request: RecordPrioritySupplyRequest): RecordPrioritySupplyCommand {
  return parseRequest(prioritySupplySchema, request);
}
