import { createHash } from 'node:crypto';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type {
  FileApplicationRequest,
  GetApplicationRequest,
  ListApplicationsRequest,
  WithdrawApplicationRequest,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import {
  countryCode,
  fieldRule,
  invalid,
  isoDate,
  oneOf,
  pageSize,
  parseRequest,
  referenceId,
  referenceIdPattern,
} from '@welkom/validation';
import { z } from 'zod';

/** The back office's own reference of an application; the IND's sponsor reference has the same format. */
export const MAX_APPLICATION_REFERENCE_CHARS = 64;
const REFERENCE = referenceIdPattern(MAX_APPLICATION_REFERENCE_CHARS);
const CATEGORIES = [PermitCategory.PERMIT_CATEGORY_STUDENT, PermitCategory.PERMIT_CATEGORY_RESEARCHER] as const;

export interface FileApplicationCommand {
  readonly applicationReference: string;
  readonly category: PermitCategory;
  readonly applicant: SubjectIdentifier;
  readonly citizenship: string;
  readonly intendedStayFrom: string;
  readonly intendedStayUntil: string;
  readonly fingerprint: string;
}

/** Only one identifier member, with proto-loader's nulls and virtual oneof field dropped. */
function cleanIdentifier(input: SubjectIdentifier): SubjectIdentifier {
  const members = (['bsn', 'vNumber', 'passport', 'kvkNumber', 'pseudonym'] as const).filter(
    (m) => input[m] !== undefined && input[m] !== null,
  );
  return Object.fromEntries(members.map((member) => [member, input[member]]));
}

const filingSchema = z.object({
  applicationReference: referenceId(MAX_APPLICATION_REFERENCE_CHARS),
  category: oneOf(CATEGORIES, 'must be PERMIT_CATEGORY_STUDENT or PERMIT_CATEGORY_RESEARCHER'),
  applicant: fieldRule((value) => {
    const applicant = value ? cleanIdentifier(value) : undefined;
    return applicant && Object.keys(applicant).length === 1 ? applicant : invalid('must hold exactly one identifier');
  }),
  citizenship: countryCode({ description: 'must be an ISO 3166-1 alpha-2 code' }),
  intendedStayFrom: isoDate(),
  intendedStayUntil: isoDate(),
});

/** Checks what the connector can; the IND checks the rest (and the hub the identifier). */
export function fileApplicationCommand(request: FileApplicationRequest): FileApplicationCommand {
  const filing = parseRequest(filingSchema, request);
  const content = [filing.category, filing.applicant, filing.citizenship, filing.intendedStayFrom, filing.intendedStayUntil];
  return { ...filing, fingerprint: createHash('sha256').update(JSON.stringify(content)).digest('hex') };
}

const applicationReferenceSchema = z.object({
  applicationReference: referenceId(MAX_APPLICATION_REFERENCE_CHARS, { description: 'is not an application reference' }),
});

export function applicationReferenceCommand(request: GetApplicationRequest | WithdrawApplicationRequest): string {
  return parseRequest(applicationReferenceSchema, request).applicationReference;
}

const pageSchema = z.object({
  pageSize: pageSize(),
  pageToken: fieldRule((token) => {
    if (!token) return null;
    const after = Buffer.from(typeof token === 'string' ? token : JSON.stringify(token), 'base64url').toString('utf8');
    return REFERENCE.test(after) ? after : invalid('is not a token from a previous response');
  }),
});

export function pageCommand(request: ListApplicationsRequest): { pageSize: number; after: string | null } {
  const page = parseRequest(pageSchema, request);
  return { pageSize: page.pageSize, after: page.pageToken };
}

export function pageToken(lastReference: string): string {
  return Buffer.from(lastReference, 'utf8').toString('base64url');
}
