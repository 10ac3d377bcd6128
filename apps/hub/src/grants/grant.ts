import type { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';
import type { PartyRecord } from '../party-registry/party.repository';
import type { RelationKind } from '../relations/subject-relation';

/**
 * A grant: who may ask for which evidence, for which purpose, under which legal basis, and which fields
 * they get, for a bounded time. Never changed once made (like an FSC contract): it is ended and replaced.
 */
export interface GrantRecord {
  id: string;
  /** Exactly one of requesterOin and requesterRole is set. */
  requesterOin: string | null;
  requesterRole: PartyRole | null;
  /** '' for every sub-unit of the requester. */
  requesterSubUnit: string;
  evidenceType: IssuableEvidenceType;
  purpose: string;
  legalBasis: string;
  allowedFields: string[];
  validFrom: Date;
  validTo: Date;
  requiresExplicitRequest: boolean;
  /** The relation with the subject the requester must hold (issue 11, leak 4); null: none required. */
  requiredRelation: RelationKind | null;
  createdAt: Date;
  createdBy: string;
  endedAt: Date | null;
  endedBy: string | null;
  endReason: string | null;
  /** The operator in person who proposed it (issue 12); null for a grant loaded from the seed file. */
  proposedBy: string | null;
  /** Four-eyes: null until a second operator approves (a seed grant is approved as it is loaded). */
  approvedAt: Date | null;
  approvedBy: string | null;
}

/** A grant applies only once approved, before it ends, within its validity. */
export function isActiveAt(grant: GrantRecord, at: Date): boolean {
  return (
    grant.endedAt === null &&
    grant.approvedAt !== null &&
    grant.validFrom.getTime() <= at.getTime() &&
    at.getTime() < grant.validTo.getTime()
  );
}

/** Whether a grant names this party (by OIN or by one of its roles) and, if it names one, this sub-unit. */
export function appliesTo(grant: GrantRecord, party: PartyRecord, subUnit: string): boolean {
  const requester = grant.requesterOin !== null ? grant.requesterOin === party.oin : party.roles.includes(grant.requesterRole as string);
  return requester && (grant.requesterSubUnit === '' || grant.requesterSubUnit === subUnit);
}

export type GrantRefusal = 'NO_GRANT' | 'PURPOSE_NOT_GRANTED' | 'LEGAL_BASIS_NOT_GRANTED' | 'NO_RELATION' | 'EXPLICIT_REQUEST_REQUIRED';

export interface EvidenceAsk {
  party: PartyRecord;
  subUnit: string;
  evidenceType: IssuableEvidenceType;
  purpose: string;
  legalBasis: string;
  /** The relations the hub knows the requester holds with this subject (never what the request claims). */
  relations: ReadonlySet<RelationKind>;
  at: Date;
}

export type GrantMatch = { ok: true; grant: GrantRecord } | { ok: false; refusal: GrantRefusal };

// A grant for this party beats one for its role, a grant for this sub-unit beats one for all sub-units;
// among equals the oldest wins, so the same request always names the same grant in the audit trail.
function specificity(grant: GrantRecord): number {
  return (grant.requesterOin !== null ? 2 : 0) + (grant.requesterSubUnit !== '' ? 1 : 0);
}

function preferred(a: GrantRecord, b: GrantRecord): number {
  return specificity(b) - specificity(a) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Default deny: a request is allowed only by an active grant for the requester, the evidence type, the same
 * purpose and the same legal basis, whose required relation with the subject the hub knows the requester to
 * hold (issue 11, leak 4: grants are per relation, not per role). A grant that demands the person's explicit
 * request is never usable yet: the hub accepts only an artefact it can check (a consent record made through
 * the person's own channel), and no such channel exists, so a flag in the request body cannot satisfy it.
 * The refusal says which of these failed first, so the requester knows what to fix and the person sees why.
 */
export function matchGrant(grants: readonly GrantRecord[], ask: EvidenceAsk): GrantMatch {
  const forType = grants.filter(
    (grant) => grant.evidenceType === ask.evidenceType && isActiveAt(grant, ask.at) && appliesTo(grant, ask.party, ask.subUnit),
  );
  if (forType.length === 0) return { ok: false, refusal: 'NO_GRANT' };
  const forPurpose = forType.filter((grant) => grant.purpose === ask.purpose);
  if (forPurpose.length === 0) return { ok: false, refusal: 'PURPOSE_NOT_GRANTED' };
  const forBasis = forPurpose.filter((grant) => grant.legalBasis === ask.legalBasis);
  if (forBasis.length === 0) return { ok: false, refusal: 'LEGAL_BASIS_NOT_GRANTED' };
  const related = forBasis.filter((grant) => grant.requiredRelation === null || ask.relations.has(grant.requiredRelation));
  if (related.length === 0) return { ok: false, refusal: 'NO_RELATION' };
  const usable = related.filter((grant) => !grant.requiresExplicitRequest);
  if (usable.length === 0) return { ok: false, refusal: 'EXPLICIT_REQUEST_REQUIRED' };
  return { ok: true, grant: [...usable].sort(preferred)[0] };
}
