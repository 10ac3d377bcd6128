import type {
  GetEvidenceRequestRequest,
  ListOpenEvidenceRequestsRequest,
  RequestEvidenceRequest,
} from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import {
  fieldRule,
  type Invalid,
  invalid,
  isoDate,
  oin,
  optionalMessage,
  pageSize,
  parseRequest,
  refineRequest,
  text,
  uuid,
} from '@welkom/validation';
import { z } from 'zod';
import type { EvidenceCatalogue, EvidenceCatalogueEntry } from '../catalogue/evidence-catalogue';
import { LEGAL_BASIS_RULE, PURPOSE_RULE, SUB_UNIT_RULE } from '../grants/grant.command';
import { subjectIdentifier, type SubjectId } from '../subjects/subject-identifier';
import type { EvidenceQuestionRecord } from './evidence-request';

const MIN_TIMEOUT_MS = 1_000;
/** A code of a shared reference table's criteria (e.g. salary-thresholds: HSM_30_AND_OVER). */
const CRITERION_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const HOUR_MS = 3_600_000;

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
  /** The source the requester names for a request that must wait (source_oin); checked against its roles. */
  sourceOin: string | undefined;
  /** What the source of a derived fact is asked to establish; undefined when the requester put no question. */
  question: EvidenceQuestionRecord | undefined;
}

function durationMs(duration: { seconds: string; nanos: number }): number | 'invalid' {
  const seconds = Number(duration.seconds);
  if (
    !/^\d{1,12}$/.test(String(duration.seconds)) ||
    !Number.isInteger(duration.nanos) ||
    duration.nanos < 0 ||
    duration.nanos > 999_999_999
  ) {
    return 'invalid';
  }
  return seconds * 1000 + Math.floor(duration.nanos / 1_000_000);
}

/** Unset is false; anything else a client encoded must be a boolean. */
const optionalFlag = fieldRule((value) =>
  value === undefined || value === null || typeof value === 'boolean' ? value === true : invalid('must be true or false'),
);

/** The request's schema depends on the catalogue (its evidence types and their deadlines); one per catalogue. */
const requestSchemas = new WeakMap<EvidenceCatalogue, ReturnType<typeof requestEvidenceSchema>>();

function requestEvidenceSchema(catalogue: EvidenceCatalogue) {
  const shape = {
    subject: subjectIdentifier,
    evidenceType: fieldRule((value) => catalogue.find(value as string) ?? invalid('is not an evidence type of the catalogue')),
    purpose: text(PURPOSE_RULE),
    legalBasis: text(LEGAL_BASIS_RULE),
    subUnit: text(SUB_UNIT_RULE),
    explicitRequestByPerson: optionalFlag,
    responseTimeout: fieldRule((value): number | undefined | Invalid => {
      if (!value) return undefined;
      const ms = durationMs(value as { seconds: string; nanos: number });
      return ms === 'invalid' || ms < MIN_TIMEOUT_MS ? invalid('must be a duration of at least 1 second') : ms;
    }),
    evidenceId: uuid({ required: false }),
    sourceOin: oin({ required: false }),
    question: optionalMessage({
      criterion: text({ maxChars: 64, pattern: CRITERION_CODE, patternDescription: 'must be a criterion code such as HSM_30_AND_OVER' }),
      referenceDate: isoDate(),
      tableVersion: text({ maxChars: 64, required: false }),
      employerOin: oin({ required: false }),
    }),
  };
  return refineRequest(z.object(shape), (request, report) => {
    const entry = request.evidenceType;
    if (entry && request.responseTimeout !== undefined && request.responseTimeout > entry.requestDeadline.maxHours * HOUR_MS) {
      report(['responseTimeout'], `must be at most ${entry.requestDeadline.maxHours} hours for ${entry.type}`);
    }
  });
}

export function requestEvidenceCommand(request: RequestEvidenceRequest, catalogue: EvidenceCatalogue): RequestEvidenceCommand {
  let schema = requestSchemas.get(catalogue);
  if (!schema) requestSchemas.set(catalogue, (schema = requestEvidenceSchema(catalogue)));
  const parsed = parseRequest(schema, request);
  return {
    subject: parsed.subject,
    entry: parsed.evidenceType,
    purpose: parsed.purpose,
    legalBasis: parsed.legalBasis,
    explicitRequestByPerson: parsed.explicitRequestByPerson,
    subUnit: parsed.subUnit,
    responseTimeoutMs: parsed.responseTimeout,
    evidenceId: parsed.evidenceId || undefined,
    sourceOin: parsed.sourceOin || undefined,
    question: parsed.question,
  };
}

const requestIdSchema = z.object({ requestId: uuid() });

export function requestIdCommand(request: GetEvidenceRequestRequest): string {
  return parseRequest(requestIdSchema, request).requestId;
}

const pageSizeSchema = z.object({ pageSize: pageSize() });

export function pageSizeCommand(request: ListOpenEvidenceRequestsRequest | { pageSize: number }): number {
  return parseRequest(pageSizeSchema, request).pageSize;
}
