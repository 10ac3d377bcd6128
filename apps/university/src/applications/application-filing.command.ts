import { createHash } from 'node:crypto';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type {
  FileApplicationRequest,
  GetApplicationRequest,
  ListApplicationsRequest,
  WithdrawApplicationRequest,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import type { FieldViolation } from '@welkom/errors';
import { UniversityError } from '../university.errors';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
const COUNTRY = /^[A-Z]{2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CATEGORIES: readonly PermitCategory[] = [PermitCategory.PERMIT_CATEGORY_STUDENT, PermitCategory.PERMIT_CATEGORY_RESEARCHER];
const MAX_PAGE_SIZE = 500;

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
  const members = (['bsn', 'vNumber', 'passport', 'kvkNumber', 'pseudonym'] as const).filter((m) => input[m] !== undefined && input[m] !== null);
  return Object.fromEntries(members.map((member) => [member, input[member]])) as SubjectIdentifier;
}

/** Checks what the connector can; the IND checks the rest (and the hub the identifier). */
export function fileApplicationCommand(request: FileApplicationRequest): FileApplicationCommand {
  const violations: FieldViolation[] = [];
  const applicationReference = String(request?.applicationReference ?? '');
  if (!REFERENCE.test(applicationReference)) {
    violations.push({ field: 'application_reference', description: 'must be 1-64 letters, digits or . _ : / - (starting with a letter or digit)' });
  }
  if (!CATEGORIES.includes(request?.category)) violations.push({ field: 'category', description: 'must be PERMIT_CATEGORY_STUDENT or PERMIT_CATEGORY_RESEARCHER' });
  const applicant = request?.applicant ? cleanIdentifier(request.applicant) : undefined;
  if (!applicant || Object.keys(applicant).length !== 1) violations.push({ field: 'applicant', description: 'must hold exactly one identifier' });
  if (!COUNTRY.test(String(request?.citizenship ?? ''))) violations.push({ field: 'citizenship', description: 'must be an ISO 3166-1 alpha-2 code' });
  for (const field of ['intendedStayFrom', 'intendedStayUntil'] as const) {
    if (!ISO_DATE.test(String(request?.[field] ?? ''))) {
      violations.push({ field: field === 'intendedStayFrom' ? 'intended_stay_from' : 'intended_stay_until', description: 'must be an ISO date YYYY-MM-DD' });
    }
  }
  if (violations.length > 0 || !applicant) throw UniversityError.invalid(violations);
  const content = [request.category, applicant, request.citizenship, request.intendedStayFrom, request.intendedStayUntil];
  return {
    applicationReference,
    category: request.category,
    applicant,
    citizenship: request.citizenship,
    intendedStayFrom: request.intendedStayFrom,
    intendedStayUntil: request.intendedStayUntil,
    fingerprint: createHash('sha256').update(JSON.stringify(content)).digest('hex'),
  };
}

export function applicationReferenceCommand(request: GetApplicationRequest | WithdrawApplicationRequest): string {
  const reference = String(request?.applicationReference ?? '');
  if (!REFERENCE.test(reference)) throw UniversityError.invalid([{ field: 'application_reference', description: 'is not an application reference' }]);
  return reference;
}

export function pageCommand(request: ListApplicationsRequest): { pageSize: number; after: string | null } {
  const size = request?.pageSize ?? 0;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw UniversityError.invalid([{ field: 'page_size', description: `must be between 1 and ${MAX_PAGE_SIZE} (0 for 100)` }]);
  }
  const after = request?.pageToken ? Buffer.from(request.pageToken, 'base64url').toString('utf8') : null;
  if (after !== null && !REFERENCE.test(after)) throw UniversityError.invalid([{ field: 'page_token', description: 'is not a token from a previous response' }]);
  return { pageSize: size === 0 ? 100 : size, after };
}

export function pageToken(lastReference: string): string {
  return Buffer.from(lastReference, 'utf8').toString('base64url');
}
