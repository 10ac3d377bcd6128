import type {
  ListSubjectAccessRequest,
  RecordDeadLetterReplayRequest,
  VerifyAuditChainRequest,
} from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { fieldRule, invalid, pageSize, parseRequest, refineRequest, text } from '@welkom/validation';
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
  /** Start after the latest checkpoint an earlier verification found intact (fromSequence is then 1). */
  incremental: boolean;
}

export interface DeadLetterReplayCommand {
  deadLetterId: string;
  sourceTopic: string;
  /** '' when the record had no readable envelope. */
  eventId: string;
  errorClass: string;
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

const flag = fieldRule((value) =>
  value === undefined || value === null ? false : typeof value === 'boolean' ? value : invalid('must be true or false'),
);

const verifyChainSchema = refineRequest(
  z.object({ fromSequence: nonNegativeInt64, limit: nonNegativeInt64, incremental: flag }),
  (request, report) => {
    if (request.incremental === true && request.fromSequence !== undefined && request.fromSequence !== 0n) {
      report(['fromSequence'], 'must be 0 for an incremental verification: it starts after the latest verified checkpoint');
    }
  },
);

export function verifyChainCommand(request: VerifyAuditChainRequest): VerifyChainCommand {
  const { fromSequence, limit, incremental } = parseRequest(verifyChainSchema, request);
  return { fromSequence: fromSequence === 0n ? 1n : fromSequence, limit: limit === 0n ? null : limit, incremental };
}

// What `npm run dlt -- list` prints: <dead-letter topic>:<partition>:<offset>.
const DEAD_LETTER_ID = /^[A-Za-z0-9._-]{1,249}:[0-9]{1,10}:[0-9]{1,19}$/;
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

const deadLetterReplaySchema = z.object({
  deadLetterId: text({
    required: true,
    maxChars: 300,
    pattern: DEAD_LETTER_ID,
    patternDescription: 'must be <dead-letter topic>:<partition>:<offset>',
  }),
  sourceTopic: text({ required: true, maxChars: 249, pattern: TOPIC, patternDescription: 'must be a Kafka topic name' }),
  eventId: text({ required: false, maxChars: 100 }),
  errorClass: text({ required: true, maxChars: 100 }),
});

export function deadLetterReplayCommand(request: RecordDeadLetterReplayRequest): DeadLetterReplayCommand {
  return parseRequest(deadLetterReplaySchema, request);
}
