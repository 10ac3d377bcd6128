import type { IssueMvvRequest, OfferSlotRequest } from '@welkom/contracts/generated/welkom/consular/v1/consular_post';
import { countryCode, parseRequest, text, uuid } from '@welkom/validation';
import { z } from 'zod';
import type { OfferSlotCommand } from './mvv-leg.service';

const POST_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const STICKER_NUMBER = /^[0-9A-Za-z]{1,32}$/;

const offerSchema = z.object({
  applicationRef: uuid(),
  // Optional: without it the country of residence decides the post.
  chosenPost: text({ maxChars: 63, required: false, pattern: POST_CODE, patternDescription: 'must be a post code, e.g. nairobi' }),
  residenceCountry: countryCode(),
});

export function offerSlotCommand(request: OfferSlotRequest): OfferSlotCommand {
  return parseRequest(offerSchema, request);
}

const postCode = (): ReturnType<typeof text> =>
  text({ maxChars: 63, pattern: POST_CODE, patternDescription: 'must be a post code, e.g. nairobi' });

/** A step taken at a post: the case and the post that acts. */
export function postStepCommand(request: { applicationRef: string; post: string }): { applicationRef: string; post: string } {
  return parseRequest(z.object({ applicationRef: uuid(), post: postCode() }), request);
}

/** The IND case id a step is for. */
export function caseStepCommand(request: { applicationRef: string }): string {
  return parseRequest(z.object({ applicationRef: uuid() }), request).applicationRef;
}

export function issueMvvCommand(request: IssueMvvRequest): { applicationRef: string; visaStickerNumber: string; post: string } {
  return parseRequest(
    z.object({
      applicationRef: uuid(),
      post: postCode(),
      visaStickerNumber: text({ maxChars: 32, pattern: STICKER_NUMBER, patternDescription: 'must be 1-32 letters and digits' }),
    }),
    request,
  );
}
