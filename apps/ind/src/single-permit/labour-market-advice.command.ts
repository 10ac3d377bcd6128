import type { RequestLabourMarketAdviceRequest } from '@welkom/contracts/generated/welkom/ind/v1/labour_market_advice';
import { WorkSituation } from '@welkom/contracts/generated/welkom/uwv/v1/work_permits';
import { message, oin, oneOf, parseRequest, PSEUDONYM_PATTERN, referenceId, text, uuid } from '@welkom/validation';

export interface RequestLabourMarketAdviceCommand {
  readonly applicationRef: string;
  readonly subjectPseudonym: string;
  readonly employerOin: string;
  readonly situation: WorkSituation;
  readonly vacancyReference: string;
}

const SITUATIONS = Object.values(WorkSituation).filter((value) => value !== WorkSituation.WORK_SITUATION_UNSPECIFIED);

const schema = message({
  // The IND's case ids are UUIDs (the intake's too).
  applicationRef: uuid(),
  subjectPseudonym: text({ maxChars: 57, pattern: PSEUDONYM_PATTERN, patternDescription: "must be the hub's pseudonym (subj_…)" }),
  employerOin: oin(),
  situation: oneOf(SITUATIONS, `must be one of ${SITUATIONS.join(', ')}`),
  vacancyReference: referenceId(64, { required: false }),
});

export function requestLabourMarketAdviceCommand(request: RequestLabourMarketAdviceRequest): RequestLabourMarketAdviceCommand {
  return parseRequest(schema, request);
}
