import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { GetGuidanceRequest } from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { countryCode, fieldRule, invalid, parseRequest, PSEUDONYM_PATTERN } from '@welkom/validation';
import { z } from 'zod';
import { MVV_EXEMPT_SITUATIONS, type MvvExemptSituation as Situation } from './guidance.reference';

export interface GuidanceCommand {
  readonly category: PermitCategory;
  readonly nationality: string;
  readonly situations: readonly Situation[];
  readonly subjectPseudonym: string | undefined;
}

const CATEGORIES = new Set<string>(Object.values(PermitCategory).filter((c) => c !== PermitCategory.PERMIT_CATEGORY_UNSPECIFIED));
const SITUATION_PREFIX = 'MVV_EXEMPT_SITUATION_';

const category = () =>
  fieldRule((value) =>
    typeof value === 'string' && CATEGORIES.has(value) ? (value as PermitCategory) : invalid('must be a permit category'),
  );

const situations = () =>
  fieldRule((value) => {
    const list = value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value];
    const names = list.map((item) => (typeof item === 'string' ? item.replace(SITUATION_PREFIX, '') : ''));
    return names.every((name): name is Situation => (MVV_EXEMPT_SITUATIONS as readonly string[]).includes(name))
      ? names
      : invalid(`must be situations among ${MVV_EXEMPT_SITUATIONS.join(', ')}`);
  });

const pseudonym = () =>
  fieldRule((value) =>
    value === undefined || value === null || value === ''
      ? undefined
      : typeof value === 'string' && PSEUDONYM_PATTERN.test(value)
        ? value
        : invalid('is not a pseudonym the hub issued'),
  );

const grpcSchema = z.object({
  category: category(),
  nationality: countryCode({ description: 'must be an ISO 3166-1 alpha-2 code' }),
  situations: situations(),
  subject: fieldRule((value) => {
    const given = (value as { pseudonym?: unknown } | null | undefined)?.pseudonym;
    if (given === undefined || given === null || given === '') return undefined;
    return typeof given === 'string' && PSEUDONYM_PATTERN.test(given) ? given : invalid('is not a pseudonym the hub issued', ['pseudonym']);
  }),
});

export function guidanceCommand(request: GetGuidanceRequest): GuidanceCommand {
  const input = parseRequest(grpcSchema, request);
  return { category: input.category, nationality: input.nationality, situations: input.situations, subjectPseudonym: input.subject };
}

const httpSchema = z.object({
  category: category(),
  nationality: countryCode({ description: 'must be an ISO 3166-1 alpha-2 code' }),
  situation: situations(),
  subject: pseudonym(),
});

/** `GET /guidance?category=PERMIT_CATEGORY_START_UP&nationality=IN[&situation=…][&subject=subj_…]`: the same checks. */
export function guidanceCommandFromHttpQuery(query: Record<string, unknown>): GuidanceCommand {
  const input = parseRequest(httpSchema, query, { namesAsSent: true });
  return { category: input.category, nationality: input.nationality, situations: input.situation, subjectPseudonym: input.subject };
}
