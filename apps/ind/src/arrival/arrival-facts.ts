import type { ArrivalFacts } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { isoDate, optionalMessage, text } from '@welkom/validation';
import type { z } from 'zod';

const MUNICIPALITY = { required: false, maxChars: 80 } as const;

/**
 * Where the person will be received, as the application states it (DOMAIN.md §2.7): facts, never an address.
 * The IND passes them on in its status events, so RVO can refer the arrival to a welcome centre.
 */
export interface ArrivalFactsRecord {
  readonly welcomeCentreCode: string;
  readonly municipalityOfWork: string;
  readonly municipalityOfResidence: string;
  readonly expectedArrivalOn: string;
}

/** FileApplicationRequest.arrival: every field optional; a code of the welcome-centre table is lower case with dashes. */
export const arrivalFactsSchema = optionalMessage({
  welcomeCentreCode: text({
    required: false,
    maxChars: 64,
    pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/,
    patternDescription: 'must be a code of the welcome-centre table, e.g. leiden-international-centre',
  }),
  municipalityOfWork: text(MUNICIPALITY),
  municipalityOfResidence: text(MUNICIPALITY),
  expectedArrivalOn: isoDate({ required: false }),
});

/** Null when the application states none of them. */
export function toArrivalFacts(filed: z.output<typeof arrivalFactsSchema>): ArrivalFactsRecord | null {
  if (filed === undefined) return null;
  const facts: ArrivalFactsRecord = {
    welcomeCentreCode: filed.welcomeCentreCode,
    municipalityOfWork: filed.municipalityOfWork,
    municipalityOfResidence: filed.municipalityOfResidence,
    expectedArrivalOn: filed.expectedArrivalOn,
  };
  return Object.values(facts).some((value) => value !== '') ? facts : null;
}

/** The status event's ArrivalFacts; absent when the application stated none. */
export function toArrivalMessage(facts: ArrivalFactsRecord | null): ArrivalFacts | undefined {
  return facts === null ? undefined : { ...facts };
}
