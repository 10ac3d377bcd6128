import { arrivalFactsSchema, type ArrivalFactsRecord, toArrivalFacts } from '../arrival/arrival-facts';
import { createHash } from 'node:crypto';
import {
  type ExtendDecisionPeriodRequest,
  type FileApplicationRequest,
  type GetApplicationRequest,
  type ListApplicationsRequest,
  type WithdrawApplicationRequest,
} from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { ApplicationFiled } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import {
  countryCode,
  fieldRule,
  invalid,
  isoDate,
  oneOf,
  pageSize,
  parseRequest,
  referenceId,
  refineRequest,
  text,
  uuid,
  UUID_PATTERN,
} from '@welkom/validation';
import { z } from 'zod';
import type { IsoDate } from '@welkom/platform';
import { type ApplicantIdentifier, applicantIdentifier } from './applicant-identifier';
import { IndError } from '../ind.errors';
import type { FamilyMemberRecord } from '../families/family-member';
import { familyMemberProblems, familyMemberSchema, toFamilyMemberRecord } from '../families/family-member.command';
import {
  type KnowledgeMigrantDetails,
  knowledgeMigrantProblems,
  knowledgeMigrantSchema,
  toKnowledgeMigrantDetails,
} from '../knowledge-migrants/knowledge-migrant.command';

/** The categories this reference implementation decides (DOMAIN.md §1.2-§1.6, §1.7 start-up, §1.8 self-employed, §1.9). */
export const HANDLED_CATEGORIES = [
  PermitCategory.PERMIT_CATEGORY_STUDENT,
  PermitCategory.PERMIT_CATEGORY_RESEARCHER,
  PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT,
  PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD,
  PermitCategory.PERMIT_CATEGORY_ORIENTATION_YEAR,
  PermitCategory.PERMIT_CATEGORY_START_UP,
  PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED,
  PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER,
] as const;
export type HandledCategory = (typeof HANDLED_CATEGORIES)[number];

const MAX_SPONSOR_REFERENCE_CHARS = 64;
const COLLECTION_POINT_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The one command behind FileApplication (gRPC) and welkom.sponsor.application-filed.v1 (Kafka). */
export interface FileApplicationCommand {
  readonly sponsorReference: string;
  readonly category: HandledCategory;
  readonly applicant: ApplicantIdentifier;
  readonly citizenship: string;
  readonly intendedStay: { readonly from: IsoDate; readonly until: IsoDate };
  /** Highly skilled migrant and EU Blue Card only: what selects and tests the income criterion. */
  readonly knowledgeMigrant: KnowledgeMigrantDetails | null;
  /** Where the residence document is collected (a welcome-centres.v1.json code); '' when none is named. */
  readonly collectionPoint: string;
  /** Where the person will be received, for RVO's relocation referral; null when not stated. */
  readonly arrival: ArrivalFactsRecord | null;
  /** Family members only: the main application they are filed together with. */
  readonly familyMember: FamilyMemberRecord | null;
  /** SHA-256 of the filed content: filing the same reference with other content is refused. */
  readonly fingerprint: string;
}

type FilingInput = Omit<FileApplicationRequest, 'applicant' | 'knowledgeMigrant' | 'arrival' | 'familyMember'> & {
  arrival?: FileApplicationRequest['arrival'];
  familyMember?: FileApplicationRequest['familyMember'];
  applicant: FileApplicationRequest['applicant'];
  knowledgeMigrant?: FileApplicationRequest['knowledgeMigrant'];
};

const filingSchema = refineRequest(
  z.object({
    sponsorReference: referenceId(MAX_SPONSOR_REFERENCE_CHARS),
    category: oneOf(
      HANDLED_CATEGORIES,
      'must be PERMIT_CATEGORY_STUDENT, PERMIT_CATEGORY_RESEARCHER, PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, PERMIT_CATEGORY_EU_BLUE_CARD, PERMIT_CATEGORY_ORIENTATION_YEAR, PERMIT_CATEGORY_START_UP, PERMIT_CATEGORY_SELF_EMPLOYED or PERMIT_CATEGORY_FAMILY_MEMBER',
    ),
    applicant: applicantIdentifier,
    citizenship: countryCode(),
    intendedStayFrom: isoDate(),
    intendedStayUntil: isoDate(),
    knowledgeMigrant: knowledgeMigrantSchema,
    // Checked against the table by the service, on the day of receipt.
    collectionPoint: text({
      maxChars: 63,
      required: false,
      pattern: COLLECTION_POINT_CODE,
      patternDescription: 'must be an IND desk or expat centre code, e.g. in-amsterdam',
    }),
    arrival: arrivalFactsSchema,
    familyMember: familyMemberSchema,
  }),
  (filing, report) => {
    const { intendedStayFrom: from, intendedStayUntil: until } = filing;
    if (from !== undefined && until !== undefined && from > until) report(['intendedStayUntil'], 'lies before intended_stay_from');
    knowledgeMigrantProblems(filing.category, filing.knowledgeMigrant, report);
    familyMemberProblems(filing.category, filing.familyMember, report);
  },
);

function buildCommand(input: FilingInput, origin: 'grpc' | 'event'): FileApplicationCommand {
  const filing = parseRequest(filingSchema, input);
  const { sponsorReference, category, applicant, citizenship, intendedStayFrom: from, intendedStayUntil: until, collectionPoint } = filing;
  const knowledgeMigrant = toKnowledgeMigrantDetails(filing.knowledgeMigrant);
  const arrival = toArrivalFacts(filing.arrival);
  const familyMember = toFamilyMemberRecord(filing.familyMember);
  if (origin === 'event' && applicant.kind !== 'pseudonym') {
    throw new IndError('IDENTIFIER_ON_EVENT_BACKBONE', 'An application on the event backbone must name the applicant by pseudonym', {
      fieldViolations: [
        { field: 'applicant', description: 'must be a hub pseudonym on the event backbone, never a passport number, BSN or V-number' },
      ],
    });
  }
  // Knowledge-migrant details, a collection point and arrival facts join the fingerprint only when filed, so earlier
  // fingerprints stay valid.
  const content = {
    category,
    applicant,
    citizenship,
    from,
    until,
    ...(knowledgeMigrant ? { knowledgeMigrant } : {}),
    ...(collectionPoint ? { collectionPoint } : {}),
    ...(arrival ? { arrival } : {}),
    ...(familyMember ? { familyMember } : {}),
  };
  return {
    sponsorReference,
    category,
    applicant,
    citizenship,
    intendedStay: { from, until },
    knowledgeMigrant,
    collectionPoint,
    arrival,
    familyMember,
    fingerprint: createHash('sha256').update(JSON.stringify(content)).digest('hex'),
  };
}

export function fileApplicationCommand(request: FileApplicationRequest): FileApplicationCommand {
  return buildCommand(request, 'grpc');
}

/** The event names the applicant by pseudonym only; the sponsor is the party that signed it. */
export function applicationFiledCommand(event: ApplicationFiled): FileApplicationCommand {
  return buildCommand({ ...event, applicant: event.applicant ? { pseudonym: event.applicant.pseudonym } : undefined }, 'event');
}

const applicationRefSchema = z.object({ applicationRef: uuid() });

export function applicationRefCommand(request: GetApplicationRequest | ExtendDecisionPeriodRequest | WithdrawApplicationRequest): string {
  return parseRequest(applicationRefSchema, request).applicationRef;
}

export interface PageCommand {
  readonly pageSize: number;
  readonly after: { createdAt: Date; id: string } | null;
}

const pageSchema = z.object({
  pageSize: pageSize(),
  pageToken: fieldRule((token) => {
    if (!token) return null;
    return decodePageToken(typeof token === 'string' ? token : JSON.stringify(token)) ?? invalid('is not a token from a previous response');
  }),
});

export function pageCommand(request: ListApplicationsRequest): PageCommand {
  const { pageSize: size, pageToken: after } = parseRequest(pageSchema, request);
  return { pageSize: size, after };
}

export function encodePageToken(last: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url');
}

function decodePageToken(token: string): { createdAt: Date; id: string } | undefined {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    return UUID_PATTERN.test(id) && !Number.isNaN(date.getTime()) ? { createdAt: date, id } : undefined;
  } catch {
    return undefined;
  }
}

export interface ExtensionCommand {
  readonly applicationRef: string;
  readonly days: number;
}

const extensionSchema = z.object({
  applicationRef: uuid(),
  days: fieldRule((days) =>
    typeof days === 'number' && Number.isInteger(days) && days >= 1 ? days : invalid('must be a whole number of days, at least 1'),
  ),
});

export function extensionCommand(request: ExtendDecisionPeriodRequest): ExtensionCommand {
  return parseRequest(extensionSchema, request);
}
