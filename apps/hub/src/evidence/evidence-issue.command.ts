import type {
  EvidenceWithdrawal,
  IssuedEvidence,
  SealedIssuedEvidence,
} from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { RevokeEvidenceRequest } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { fieldRule, invalid, parseRequest, raw, referenceId, refineRequest, text, uuid } from '@welkom/validation';
import { z } from 'zod';
import type { EvidenceCatalogue, EvidenceCatalogueEntry } from '../catalogue/evidence-catalogue';
import { type CheckedPayload, checkPayload } from '../catalogue/evidence-payload';
import { invalidRequest, REASON_RULE, SUB_UNIT_RULE, timestamp } from '../grants/grant.command';
import { HubError } from '../hub.errors';
import { subjectIdentifier, type SubjectId } from '../subjects/subject-identifier';

/** A source's own reference for a piece of evidence; the university connector accepts the same. */
export const MAX_SOURCE_REFERENCE_CHARS = 128;
const sourceReference = referenceId(MAX_SOURCE_REFERENCE_CHARS);

/**
 * Where an issue came from: the event backbone must never carry a real identifier in clear; one the hub
 * opened from a sealed subject (welkom.evidence-source.issued.v2) never was in clear.
 */
export type IssueOrigin = 'grpc' | 'event' | 'sealed-event';

/** A sealed subject is one encrypted identifier: a few hundred bytes at most. */
const MAX_SEALED_SUBJECT_BYTES = 1_024;

/** Evidence from welkom.evidence-source.issued.v2, before the hub opened its subject. */
export interface SealedIssueCommand {
  evidence: IssuedEvidence;
  sealedSubject: Uint8Array;
}

/** The shape checks of a sealed issue; the rest is the issue command once the hub has opened the subject. */
export function sealedIssueCommand(input: SealedIssuedEvidence): SealedIssueCommand {
  const violations = [];
  if (!input.evidence) violations.push({ field: 'evidence', description: 'is required' });
  const subject = input.evidence?.subject;
  if (subject && Object.values(subject).some((value) => value !== undefined && value !== null && value !== '')) {
    violations.push({ field: 'evidence.subject', description: 'must be empty: the subject travels in sealed_subject' });
  }
  const size = input.sealedSubject?.length ?? 0;
  if (size === 0) violations.push({ field: 'sealed_subject', description: 'is required' });
  if (size > MAX_SEALED_SUBJECT_BYTES)
    violations.push({ field: 'sealed_subject', description: `must be at most ${MAX_SEALED_SUBJECT_BYTES} bytes` });
  if (violations.length > 0 || !input.evidence) throw invalidRequest(violations);
  return { evidence: input.evidence, sealedSubject: input.sealedSubject };
}

export interface IssueEvidenceCommand {
  subject: SubjectId;
  entry: EvidenceCatalogueEntry;
  payload: CheckedPayload;
  /** When the source established the fact; now, when absent. */
  issuedAt: Date | undefined;
  /** The catalogue's default validity, when absent. */
  validUntil: Date | undefined;
  sourceReference: string;
  subUnit: string;
}

function catalogueType(catalogue: EvidenceCatalogue) {
  return fieldRule((value) => catalogue.find(value as string) ?? invalid('is not an evidence type of the catalogue'));
}

/** Issued evidence's schema depends on the catalogue (types, payload fields); one per catalogue. */
const issueSchemas = new WeakMap<EvidenceCatalogue, ReturnType<typeof issuedEvidenceSchema>>();

function issuedEvidenceSchema(catalogue: EvidenceCatalogue) {
  const shape = {
    subject: subjectIdentifier,
    evidenceType: catalogueType(catalogue),
    /** Raw until the refinement below swaps in the checked payload, so it is checked (and encoded) once. */
    payload: raw<IssuedEvidence['payload'] | CheckedPayload>(),
    issuedAt: timestamp,
    validUntil: timestamp,
    sourceReference,
    subUnit: text(SUB_UNIT_RULE),
  };
  // The payload follows the catalogue entry of the evidence type, so it is checked once the type is known.
  return refineRequest(z.object(shape), (evidence, report) => {
    if (!evidence.evidenceType) return;
    const checked = checkPayload(evidence.evidenceType, evidence.payload as IssuedEvidence['payload'], 'payload');
    for (const violation of checked.violations) report([violation.field], violation.description);
    if (checked.payload) evidence.payload = checked.payload;
  });
}

/**
 * The one command behind IssueEvidence (gRPC) and welkom.evidence-source.issued.v1 (Kafka): both adapters
 * build it here, so both run the same checks.
 */
export function issueEvidenceCommand(
  input: IssuedEvidence | null | undefined,
  catalogue: EvidenceCatalogue,
  origin: IssueOrigin,
  path = 'evidence',
): IssueEvidenceCommand {
  if (!input) throw invalidRequest([{ field: path, description: 'is required' }]);
  let schema = issueSchemas.get(catalogue);
  if (!schema) issueSchemas.set(catalogue, (schema = issuedEvidenceSchema(catalogue)));
  const evidence = parseRequest(schema, input, { at: path });
  if (origin === 'event' && evidence.subject.kind !== 'pseudonym') {
    throw new HubError('IDENTIFIER_ON_EVENT_BACKBONE', 'Evidence on the event backbone must name its subject by pseudonym', {
      fieldViolations: [
        { field: `${path}.subject`, description: 'must be a pseudonym on the event backbone, never a BSN, V-number or passport number' },
      ],
    });
  }
  return {
    subject: evidence.subject,
    entry: evidence.evidenceType,
    payload: evidence.payload as CheckedPayload,
    issuedAt: evidence.issuedAt,
    validUntil: evidence.validUntil,
    sourceReference: evidence.sourceReference,
    subUnit: evidence.subUnit,
  };
}

export type RevokeTarget = { evidenceId: string } | { evidenceType: EvidenceCatalogueEntry['type']; sourceReference: string };

export interface RevokeEvidenceCommand {
  target: RevokeTarget;
  reason: string;
}

const revokeSchemas = new WeakMap<EvidenceCatalogue, ReturnType<typeof revokeSchema>>();
const evidenceId = uuid();

function firstProblem(rule: z.ZodType, value: unknown): string | undefined {
  const checked = rule.safeParse(value);
  return checked.success ? undefined : checked.error.issues[0].message;
}

function revokeSchema(catalogue: EvidenceCatalogue) {
  const shape = {
    reason: text(REASON_RULE),
    // Exactly one of the two names the evidence (a oneof): proto-loader gives null for the other.
    evidenceId: raw(),
    sourceReference: raw<{ evidenceType?: unknown; sourceReference?: unknown } | null | undefined>(),
  };
  return refineRequest(z.object(shape), (request, report) => {
    const byId = request.evidenceId !== undefined && request.evidenceId !== null;
    const byReference = request.sourceReference !== undefined && request.sourceReference !== null;
    if (byId === byReference) {
      report(['target'], 'must name exactly one of evidence_id and source_reference');
    } else if (byId) {
      const problem = firstProblem(evidenceId, request.evidenceId);
      if (problem) report(['evidenceId'], problem);
    } else {
      if (!catalogue.find((request.sourceReference?.evidenceType ?? '') as string)) {
        report(['sourceReference', 'evidenceType'], 'is not an evidence type of the catalogue');
      }
      const problem = firstProblem(sourceReference, request.sourceReference?.sourceReference);
      if (problem) report(['sourceReference', 'sourceReference'], problem);
    }
  });
}

export function revokeEvidenceCommand(request: RevokeEvidenceRequest, catalogue: EvidenceCatalogue): RevokeEvidenceCommand {
  let schema = revokeSchemas.get(catalogue);
  if (!schema) revokeSchemas.set(catalogue, (schema = revokeSchema(catalogue)));
  const parsed = parseRequest(schema, request);
  const byReference = parsed.sourceReference;
  // The refinement has checked the target: an evidence id, or a catalogue type with a source reference.
  const byId = parsed.evidenceId !== undefined && parsed.evidenceId !== null;
  const entry = catalogue.find(byReference?.evidenceType as string);
  const target: RevokeTarget =
    byId || !entry
      ? { evidenceId: parsed.evidenceId as string }
      : { evidenceType: entry.type, sourceReference: byReference?.sourceReference as string };
  return { target, reason: parsed.reason };
}

/** A withdrawal from the event backbone is the same revocation, named by the source's own reference. */
export function withdrawalCommand(withdrawal: EvidenceWithdrawal, catalogue: EvidenceCatalogue): RevokeEvidenceCommand {
  return revokeEvidenceCommand(
    { sourceReference: { evidenceType: withdrawal.evidenceType, sourceReference: withdrawal.sourceReference }, reason: withdrawal.reason },
    catalogue,
  );
}
