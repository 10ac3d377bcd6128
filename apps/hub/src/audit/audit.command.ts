import type { ListSubjectAccessRequest } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import type { FieldViolation } from '@welkom/errors';
import { pageSizeCommand } from '../evidence-requests/evidence-request.command';
import { invalidRequest } from '../grants/grant.command';
import { checkText } from '../platform/field-checks';
import { parseSubjectIdentifier, type SubjectId } from '../subjects/subject-identifier';

export interface SubjectAccessCommand {
  subject: SubjectId;
  pageSize: number;
  /** Entries after this sequence. */
  afterSequence: string;
}

export function subjectAccessCommand(request: ListSubjectAccessRequest): SubjectAccessCommand {
  const violations: FieldViolation[] = [];
  const { subject, violations: subjectViolations } = parseSubjectIdentifier(request?.subject, 'subject');
  violations.push(...subjectViolations);
  const token = checkText(request?.pageToken, 'page_token', { required: false, maxChars: 19, pattern: /^[0-9]{1,19}$/, patternDescription: 'must be a page token from a previous response' }, violations);
  let pageSize = 0;
  try {
    pageSize = pageSizeCommand({ pageSize: request?.pageSize ?? 0 });
  } catch {
    violations.push({ field: 'page_size', description: 'must be between 1 and 500 (0 for 100)' });
  }
  if (violations.length > 0 || !subject) throw invalidRequest(violations);
  return { subject, pageSize, afterSequence: token === '' ? '0' : token };
}
