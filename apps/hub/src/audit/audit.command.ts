import type { ListSubjectAccessRequest, VerifyAuditChainRequest } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { fieldRule, invalid, pageSize, parseRequest, text } from '@welkom/validation';
import { z } from 'zod';
import { PURPOSE_RULE } from '../grants/grant.command';
import { subjectIdentifier, type SubjectId } from '../subjects/subject-identifier';

/** The purpose recorded when the operator reads a log without naming one: the person's own right of access. */
export const SUBJECT_ACCESS_REQUEST_PURPOSE = 'SUBJECT_ACCESS_REQUEST';

export interface SubjectAccessCommand {
  subject: SubjectId;
  pageSize: number;
  /** Entries after this sequence. */
  afterSequence: string;
  /** Why the log is read; recorded in the audit trail. */
  purpose: string;
}

export interface VerifyChainCommand {
  /** The first entry to check (1 is the first of the chain). */
  fromSequence: bigint;
  /** At most this many entries; null up to the chain head. */
  limit: bigint | null;
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
  purpose: text({ ...PURPOSE_RULE, required: false }),
});

export function subjectAccessCommand(request: ListSubjectAccessRequest): SubjectAccessCommand {
  const { subject, pageToken, pageSize, purpose } = parseRequest(subjectAccessSchema, request);
  return {
    subject,
    pageSize,
    afterSequence: pageToken === '' ? '0' : pageToken,
    purpose: purpose === '' ? SUBJECT_ACCESS_REQUEST_PURPOSE : purpose,
  };
}

/** An int64 field (a decimal string with forceLong=string); 0 or absent when not set. */
const nonNegativeInt64 = fieldRule((value) => {
  const digits = value ?? '0';
  if (typeof digits !== 'string' || !/^[0-9]{1,19}$/.test(digits) || BigInt(digits) > 9_223_372_036_854_775_807n) {
    return invalid('must be 0 or a positive whole number');
  }
  return BigInt(digits);
});

const verifyChainSchema = z.object({ fromSequence: nonNegativeInt64, limit: nonNegativeInt64 });

export function verifyChainCommand(request: VerifyAuditChainRequest): VerifyChainCommand {
  const { fromSequence, limit } = parseRequest(verifyChainSchema, request);
  return { fromSequence: fromSequence === 0n ? 1n : fromSequence, limit: limit === 0n ? null : limit };
}
