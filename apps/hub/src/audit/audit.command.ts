import type { ListSubjectAccessRequest } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { pageSize, parseRequest, text } from '@welkom/validation';
import { z } from 'zod';
import { subjectIdentifier, type SubjectId } from '../subjects/subject-identifier';

export interface SubjectAccessCommand {
  subject: SubjectId;
  pageSize: number;
  /** Entries after this sequence. */
  afterSequence: string;
}

const subjectAccessSchema = z.object({
  subject: subjectIdentifier,
  pageToken: text({
    required: false,
    maxChars: 19,
    pattern: /^[0-9]{1,19}$/,
    patternDescription: 'must be a page token from a previous response',
  }),
  pageSize: pageSize(),
});

export function subjectAccessCommand(request: ListSubjectAccessRequest): SubjectAccessCommand {
  const { subject, pageToken, pageSize } = parseRequest(subjectAccessSchema, request);
  return { subject, pageSize, afterSequence: pageToken === '' ? '0' : pageToken };
}
