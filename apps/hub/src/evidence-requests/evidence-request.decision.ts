import type { Disclosure } from '../catalogue/evidence-payload';
import { disclosePayload, sha256Hex } from '../catalogue/evidence-payload';
import { type EvidenceRecord, evidenceStateAt } from '../evidence/evidence';
import { type GrantRecord, matchGrant } from '../grants/grant';
import { HubError, type RefusalReason } from '../hub.errors';
import { subUnitViolation } from '../party-registry/party-roles';
import type { PartyRecord } from '../party-registry/party.repository';
import type { RelationKind } from '../relations/subject-relation';
import { issuerRefusal } from '../evidence/evidence-issuer';
import { invalidRequest } from '../grants/grant.command';
import type { RequestEvidenceCommand } from './evidence-request.command';

const HOUR_MS = 3_600_000;

/** One evidence request as the batch sees it: who asks, what, about whom (pseudonym). */
export interface RequestItem {
  callerOin: string;
  command: RequestEvidenceCommand;
  subjectPseudonym: string;
  /** Set when answering a completed pending request (GetEvidenceRequest). */
  requestId?: string;
}

export type RequestDecision =
  /** Malformed beyond what the command could see (an unregistered sub-unit): not audited, like any bad input. */
  | { kind: 'invalid'; error: HubError }
  | { kind: 'refused'; reason: RefusalReason; grant: GrantRecord | null; evidence: EvidenceRecord | null }
  | { kind: 'disclosed'; grant: GrantRecord; evidence: EvidenceRecord; disclosure: Disclosure }
  | { kind: 'pending'; grant: GrantRecord; deadline: Date; routedSourceOin: string | null };

export interface DecisionInput {
  item: RequestItem;
  /** Undefined when the caller's certificate names a party the registry does not know. */
  party: PartyRecord | undefined;
  /** Grants that may apply (the matcher checks them all). */
  grants: readonly GrantRecord[];
  /** The vault's evidence for this type and subject (or the one asked for by id). */
  evidence: readonly EvidenceRecord[];
  /** The registry's record of the source the requester named (source_oin), when it named one the registry knows. */
  namedSource?: PartyRecord;
  /** The relations the hub knows the caller holds with this subject (relations/subject-relation.ts). */
  relations: ReadonlySet<RelationKind>;
  now: Date;
}

function newestFirst(a: EvidenceRecord, b: EvidenceRecord): number {
  return b.verifiedAt.getTime() - a.verifiedAt.getTime() || (a.id < b.id ? 1 : -1);
}

/**
 * The rules of a once-only request, without I/O (ARCHITECTURE.md §4):
 * 1. the caller is a registered party; 2. a grant matches (default deny; purpose and legal basis must be
 * the granted ones); 3. valid evidence in the vault is disclosed, only the granted fields, after checking
 * its hash; 4. evidence the source revoked is refused (FAILED_PRECONDITION), as is a specific piece that
 * expired; 5. otherwise the request waits for the source until a deadline.
 */
export function decideEvidenceRequest(input: DecisionInput): RequestDecision {
  const { item, party, now } = input;
  const { command } = item;
  if (!party) return { kind: 'refused', reason: 'UNKNOWN_PARTY', grant: null, evidence: null };
  const subUnitProblem = subUnitViolation(party, command.subUnit, 'sub_unit');
  if (subUnitProblem) return { kind: 'invalid', error: invalidRequest([subUnitProblem]) };
  const sourceProblem = namedSourceViolation(command, input.namedSource);
  if (sourceProblem) return { kind: 'invalid', error: invalidRequest([sourceProblem]) };
  const match = matchGrant(input.grants, {
    party,
    subUnit: command.subUnit,
    evidenceType: command.entry.type,
    purpose: command.purpose,
    legalBasis: command.legalBasis,
    relations: input.relations,
    at: now,
  });
  if (!match.ok) return { kind: 'refused', reason: match.refusal, grant: null, evidence: null };
  const { grant } = match;
  const about = input.evidence.filter(
    (evidence) => evidence.evidenceType === command.entry.type && evidence.subjectPseudonym === item.subjectPseudonym,
  );

  if (command.evidenceId !== undefined) {
    const asked = about.find((evidence) => evidence.id === command.evidenceId);
    if (!asked) return { kind: 'refused', reason: 'EVIDENCE_NOT_FOUND', grant, evidence: null };
    const state = evidenceStateAt(asked, now);
    if (state !== 'VALID')
      return { kind: 'refused', reason: state === 'REVOKED' ? 'EVIDENCE_REVOKED' : 'EVIDENCE_EXPIRED', grant, evidence: asked };
    return disclose(grant, asked, command);
  }

  const newest = [...about].sort(newestFirst);
  const valid = newest.find((evidence) => evidenceStateAt(evidence, now) === 'VALID');
  if (valid) return disclose(grant, valid, command);
  if (newest.length > 0 && evidenceStateAt(newest[0], now) === 'REVOKED') {
    // The source withdrew the newest fact; asking it again would not change its mind.
    return { kind: 'refused', reason: 'EVIDENCE_REVOKED', grant, evidence: newest[0] };
  }
  const timeoutMs = command.responseTimeoutMs ?? command.entry.requestDeadline.defaultHours * HOUR_MS;
  return { kind: 'pending', grant, deadline: new Date(now.getTime() + timeoutMs), routedSourceOin: routeTo(command, newest) };
}

/** A named source must be a registered party that is authoritative for the type, or the request is malformed. */
function namedSourceViolation(command: RequestEvidenceCommand, namedSource: PartyRecord | undefined) {
  if (command.sourceOin === undefined) return null;
  if (namedSource?.oin === command.sourceOin && issuerRefusal(command.entry, namedSource) === null) return null;
  return { field: 'source_oin', description: `is not an authoritative source of ${command.entry.type}` };
}

/**
 * The one source a waiting request is routed to (leak 1 of issue 11: only it sees whom the request is
 * about, and only its evidence completes it): the source the requester named; otherwise the issuer of the
 * newest earlier evidence of this type about this person (it has a relation with them); otherwise nobody.
 * `newest` is the vault's evidence about this subject and type, newest first.
 */
export function routeTo(command: Pick<RequestEvidenceCommand, 'sourceOin'>, newest: readonly EvidenceRecord[]): string | null {
  return command.sourceOin ?? newest[0]?.issuerOin ?? null;
}

function disclose(grant: GrantRecord, evidence: EvidenceRecord, command: RequestEvidenceCommand): RequestDecision {
  // The vault answers only what it can still prove: a payload that no longer matches its hash is not evidence.
  if (sha256Hex(evidence.payload) !== evidence.contentSha256) {
    return { kind: 'refused', reason: 'VAULT_INTEGRITY_VIOLATION', grant, evidence };
  }
  return { kind: 'disclosed', grant, evidence, disclosure: disclosePayload(command.entry, evidence.payload, grant.allowedFields) };
}

/** The error a caller gets for a refusal; the same reason is in the audit entry. */
export function refusalError(decision: Extract<RequestDecision, { kind: 'refused' }>, item: RequestItem): HubError {
  const { command } = item;
  const type = command.entry.type;
  switch (decision.reason) {
    case 'UNKNOWN_PARTY':
      return new HubError('UNKNOWN_PARTY', `Party ${item.callerOin} is not registered with the hub`);
    case 'NO_GRANT':
      return new HubError('NO_GRANT', `No grant lets party ${item.callerOin} ask for ${type}`);
    case 'PURPOSE_NOT_GRANTED':
      return new HubError('PURPOSE_NOT_GRANTED', `No grant of party ${item.callerOin} for ${type} names purpose ${command.purpose}`);
    case 'LEGAL_BASIS_NOT_GRANTED':
      return new HubError(
        'LEGAL_BASIS_NOT_GRANTED',
        `No grant of party ${item.callerOin} for ${type} and purpose ${command.purpose} names that legal basis`,
      );
    case 'NO_RELATION':
      return new HubError(
        'NO_RELATION',
        `The grant for ${type} needs a relation with this person that the hub does not know party ${item.callerOin} to hold`,
      );
    case 'EXPLICIT_REQUEST_REQUIRED':
      return new HubError(
        'EXPLICIT_REQUEST_REQUIRED',
        `The grant for ${type} needs the person's explicit request as a consent record the hub can check; a flag in the request is not one`,
      );
    case 'EVIDENCE_NOT_FOUND':
      return new HubError('EVIDENCE_NOT_FOUND', `No evidence ${command.evidenceId} of ${type} about this subject`);
    case 'EVIDENCE_REVOKED':
    case 'EVIDENCE_EXPIRED': {
      const evidence = decision.evidence;
      const revoked = decision.reason === 'EVIDENCE_REVOKED';
      const description = revoked
        ? `revoked by its source at ${evidence?.revokedAt?.toISOString()}: ${evidence?.revocationReason ?? ''}`
        : `expired at ${evidence?.validUntil.toISOString()}`;
      return new HubError(decision.reason, `Evidence ${evidence?.id} is ${description}`, {
        preconditionViolations: [{ type: decision.reason, subject: evidence?.id ?? '', description }],
      });
    }
    case 'VAULT_INTEGRITY_VIOLATION':
      return new HubError('VAULT_INTEGRITY_VIOLATION', 'The stored evidence does not match its hash; the incident is in the audit trail');
    case 'NOT_AUTHORITATIVE_SOURCE':
    case 'NOT_RECOGNISED_SPONSOR':
    case 'NOT_THE_ISSUER':
      return new HubError(decision.reason, `Refused: ${decision.reason}`);
  }
}
