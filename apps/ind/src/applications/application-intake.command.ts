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
import type { FieldViolation } from '@welkom/errors';
import { isIsoDate, type IsoDate } from '@welkom/platform';
import { type ApplicantIdentifier, parseApplicant } from './applicant-identifier';
import { IndError } from './application.errors';

/** The categories this reference implementation decides (DOMAIN.md §1.4, §1.5). */
export const HANDLED_CATEGORIES = [PermitCategory.PERMIT_CATEGORY_STUDENT, PermitCategory.PERMIT_CATEGORY_RESEARCHER] as const;
export type HandledCategory = (typeof HANDLED_CATEGORIES)[number];

const SPONSOR_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
const COUNTRY = /^[A-Z]{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 100;

/** The one command behind FileApplication (gRPC) and welkom.sponsor.application-filed.v1 (Kafka). */
export interface FileApplicationCommand {
  readonly sponsorReference: string;
  readonly category: HandledCategory;
  readonly applicant: ApplicantIdentifier;
  readonly citizenship: string;
  readonly intendedStay: { readonly from: IsoDate; readonly until: IsoDate };
  /** SHA-256 of the filed content: filing the same reference with other content is refused. */
  readonly fingerprint: string;
}

type FilingInput = Omit<FileApplicationRequest, 'applicant'> & { applicant: FileApplicationRequest['applicant'] };

function buildCommand(input: FilingInput, origin: 'grpc' | 'event'): FileApplicationCommand {
  const violations: FieldViolation[] = [];
  const sponsorReference = String(input?.sponsorReference ?? '');
  if (!SPONSOR_REFERENCE.test(sponsorReference)) {
    violations.push({ field: 'sponsor_reference', description: 'must be 1-64 letters, digits or . _ : / - (starting with a letter or digit)' });
  }
  const category = input?.category as PermitCategory;
  if (!(HANDLED_CATEGORIES as readonly PermitCategory[]).includes(category)) {
    violations.push({ field: 'category', description: 'must be PERMIT_CATEGORY_STUDENT or PERMIT_CATEGORY_RESEARCHER' });
  }
  const { applicant, violations: applicantViolations } = parseApplicant(input?.applicant, 'applicant');
  violations.push(...applicantViolations);
  const citizenship = String(input?.citizenship ?? '');
  if (!COUNTRY.test(citizenship)) violations.push({ field: 'citizenship', description: 'must be an ISO 3166-1 alpha-2 code, e.g. KE' });
  const from = String(input?.intendedStayFrom ?? '');
  const until = String(input?.intendedStayUntil ?? '');
  if (!isIsoDate(from)) violations.push({ field: 'intended_stay_from', description: 'must be an ISO date YYYY-MM-DD' });
  if (!isIsoDate(until)) violations.push({ field: 'intended_stay_until', description: 'must be an ISO date YYYY-MM-DD' });
  if (isIsoDate(from) && isIsoDate(until) && from > until) violations.push({ field: 'intended_stay_until', description: 'lies before intended_stay_from' });
  if (violations.length > 0 || !applicant) throw IndError.invalid(violations);
  if (origin === 'event' && applicant.kind !== 'pseudonym') {
    throw new IndError('IDENTIFIER_ON_EVENT_BACKBONE', 'An application on the event backbone must name the applicant by pseudonym', {
      fieldViolations: [{ field: 'applicant', description: 'must be a hub pseudonym on the event backbone, never a passport number, BSN or V-number' }],
    });
  }
  const content = { category, applicant, citizenship, from, until };
  return {
    sponsorReference,
    category: category as HandledCategory,
    applicant,
    citizenship,
    intendedStay: { from, until },
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

export function applicationRefCommand(request: GetApplicationRequest | ExtendDecisionPeriodRequest | WithdrawApplicationRequest): string {
  const ref = String(request?.applicationRef ?? '');
  if (!UUID.test(ref)) throw IndError.invalid([{ field: 'application_ref', description: 'must be a UUID in lower case' }]);
  return ref;
}

export interface PageCommand {
  readonly pageSize: number;
  readonly after: { createdAt: Date; id: string } | null;
}

export function pageCommand(request: ListApplicationsRequest): PageCommand {
  const size = request?.pageSize ?? 0;
  const violations: FieldViolation[] = [];
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    violations.push({ field: 'page_size', description: `must be between 1 and ${MAX_PAGE_SIZE} (0 for ${DEFAULT_PAGE_SIZE})` });
  }
  const after = request?.pageToken ? decodePageToken(request.pageToken) : null;
  if (after === undefined) violations.push({ field: 'page_token', description: 'is not a token from a previous response' });
  if (violations.length > 0) throw IndError.invalid(violations);
  return { pageSize: size === 0 ? DEFAULT_PAGE_SIZE : size, after: after ?? null };
}

export function encodePageToken(last: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url');
}

function decodePageToken(token: string): { createdAt: Date; id: string } | undefined {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    return UUID.test(id) && !Number.isNaN(date.getTime()) ? { createdAt: date, id } : undefined;
  } catch {
    return undefined;
  }
}

export interface ExtensionCommand {
  readonly applicationRef: string;
  readonly days: number;
}

export function extensionCommand(request: ExtendDecisionPeriodRequest): ExtensionCommand {
  const applicationRef = applicationRefCommand(request);
  const days = request?.days;
  if (!Number.isInteger(days) || days < 1) throw IndError.invalid([{ field: 'days', description: 'must be a whole number of days, at least 1' }]);
  return { applicationRef, days };
}
