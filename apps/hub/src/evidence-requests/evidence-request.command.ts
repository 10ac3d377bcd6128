import type {
  GetEvidenceRequestRequest,
  ListOpenEvidenceRequestsRequest,
  RequestEvidenceRequest,
} from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import type { FieldViolation } from '@welkom/errors';
import type { EvidenceCatalogue, EvidenceCatalogueEntry } from '../catalogue/evidence-catalogue';
import { invalidRequest, LEGAL_BASIS_RULE, PURPOSE_RULE, SUB_UNIT_RULE } from '../grants/grant.command';
import { checkText, checkUuid } from '../platform/field-checks';
import { parseSubjectIdentifier, type SubjectId } from '../subjects/subject-identifier';

const MIN_TIMEOUT_MS = 1_000;
const HOUR_MS = 3_600_000;
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

export interface RequestEvidenceCommand {
  subject: SubjectId;
  entry: EvidenceCatalogueEntry;
  purpose: string;
  legalBasis: string;
  explicitRequestByPerson: boolean;
  subUnit: string;
  /** How long to wait for the source; the catalogue's default when undefined. */
  responseTimeoutMs: number | undefined;
  /** One specific piece of evidence instead of the newest valid one. */
  evidenceId: string | undefined;
}

function durationMs(duration: { seconds: string; nanos: number }): number | 'invalid' {
  const seconds = Number(duration.seconds);
  if (!/^\d{1,12}$/.test(String(duration.seconds)) || !Number.isInteger(duration.nanos) || duration.nanos < 0 || duration.nanos > 999_999_999) {
    return 'invalid';
  }
  return seconds * 1000 + Math.floor(duration.nanos / 1_000_000);
}

export function requestEvidenceCommand(request: RequestEvidenceRequest, catalogue: EvidenceCatalogue): RequestEvidenceCommand {
  const violations: FieldViolation[] = [];
  const { subject, violations: subjectViolations } = parseSubjectIdentifier(request?.subject, 'subject');
  violations.push(...subjectViolations);
  const entry = catalogue.find(request?.evidenceType);
  if (!entry) violations.push({ field: 'evidence_type', description: 'is not an evidence type of the catalogue' });
  const purpose = checkText(request?.purpose, 'purpose', PURPOSE_RULE, violations);
  const legalBasis = checkText(request?.legalBasis, 'legal_basis', LEGAL_BASIS_RULE, violations);
  const subUnit = checkText(request?.subUnit, 'sub_unit', SUB_UNIT_RULE, violations);
  if (request?.explicitRequestByPerson !== undefined && typeof request.explicitRequestByPerson !== 'boolean') {
    violations.push({ field: 'explicit_request_by_person', description: 'must be true or false' });
  }
  let responseTimeoutMs: number | undefined;
  if (request?.responseTimeout) {
    const ms = durationMs(request.responseTimeout);
    const maxMs = (entry?.requestDeadline.maxHours ?? 0) * HOUR_MS;
    if (ms === 'invalid' || ms < MIN_TIMEOUT_MS) {
      violations.push({ field: 'response_timeout', description: 'must be a duration of at least 1 second' });
    } else if (entry && ms > maxMs) {
      violations.push({ field: 'response_timeout', description: `must be at most ${entry.requestDeadline.maxHours} hours for ${entry.type}` });
    } else {
      responseTimeoutMs = ms;
    }
  }
  const evidenceId = checkUuid(request?.evidenceId, 'evidence_id', violations, false) || undefined;
  if (violations.length > 0 || !subject || !entry) throw invalidRequest(violations);
  return {
    subject,
    entry,
    purpose,
    legalBasis,
    explicitRequestByPerson: request.explicitRequestByPerson === true,
    subUnit,
    responseTimeoutMs,
    evidenceId,
  };
}

export function requestIdCommand(request: GetEvidenceRequestRequest): string {
  const violations: FieldViolation[] = [];
  const requestId = checkUuid(request?.requestId, 'request_id', violations);
  if (violations.length > 0) throw invalidRequest(violations);
  return requestId;
}

export function pageSizeCommand(request: ListOpenEvidenceRequestsRequest | { pageSize: number }): number {
  const size = request?.pageSize ?? 0;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw invalidRequest([{ field: 'page_size', description: `must be between 1 and ${MAX_PAGE_SIZE} (0 for ${DEFAULT_PAGE_SIZE})` }]);
  }
  return size === 0 ? DEFAULT_PAGE_SIZE : size;
}
