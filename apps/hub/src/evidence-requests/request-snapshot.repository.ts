import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EvidenceRecord } from '../evidence/evidence';
import type { GrantRecord } from '../grants/grant';
import type { PartyRecord } from '../party-registry/party.repository';
import type { SubjectRelationRecord } from '../relations/subject-relation';
import { type PreparedStatement, queryPrepared } from '@welkom/persistence';

/** Everything the rules need to decide a batch of evidence requests, read at one moment. */
export interface RequestSnapshot {
  /** The asked pseudonyms that an active link merges into another subject, and that subject (issue 11, leak 6). */
  links: { member: string; subject: string }[];
  parties: PartyRecord[];
  /** Grants of these parties (by OIN or role) for these types, active at `at`. */
  grants: GrantRecord[];
  /** Evidence about these subjects and types, plus evidence asked for by id. */
  evidence: EvidenceRecord[];
  /** Active relations of these parties with these subjects (issue 11, leak 4). */
  relations: SubjectRelationRecord[];
}

/** Subjects as the callers named them: the snapshot reads evidence and relations of the subject each is linked to. */
export interface SnapshotQuery {
  oins: readonly string[];
  evidenceTypes: readonly string[];
  subjects: readonly { evidenceType: string; subjectPseudonym: string }[];
  evidenceIds: readonly string[];
  /** Every subject of the batch, also those asked about by evidence id: whose links and relations to read. */
  relationSubjects: readonly string[];
  at: Date;
}

/**
 * One statement, so one round trip and one snapshot: on a busy machine every round trip is a wake-up of two
 * processes, and a batch of requests should cost as few of them as possible. The subjects' links are resolved
 * here too (they were a statement of their own before every snapshot), by the rule of
 * SubjectLinkRepository.resolve: an active link's subject, else the pseudonym itself.
 */
const SNAPSHOT: PreparedStatement = {
  name: 'hub_request_snapshot_v5',
  text: `
  WITH linked AS (
    -- UQ_subject_link_active_member: at most one active link per member.
    SELECT member_pseudonym AS member, subject_pseudonym AS subject
      FROM subject_link WHERE unlinked_at IS NULL AND member_pseudonym = ANY($7::text[])
  )
  SELECT
    (SELECT coalesce(json_agg(json_build_object('member', l.member, 'subject', l.subject)), '[]'::json) FROM linked l) AS links,
    (SELECT coalesce(json_agg(json_build_object(
              'oin', p.oin, 'name', p.name, 'roles', p.roles,
              'subUnits', coalesce((SELECT json_agg(json_build_object('code', s.code, 'name', s.name) ORDER BY s.code)
                                      FROM party_sub_unit s WHERE s.party_oin = p.oin), '[]'::json))), '[]'::json)
       FROM party p WHERE p.oin = ANY($1::char(20)[])) AS parties,
    (SELECT coalesce(json_agg(json_build_object(
              'id', g.id, 'requesterOin', g.requester_oin, 'requesterRole', g.requester_role, 'requesterSubUnit', g.requester_sub_unit,
              'evidenceType', g.evidence_type, 'purpose', g.purpose, 'legalBasis', g.legal_basis, 'allowedFields', g.allowed_fields,
              'validFrom', g.valid_from, 'validTo', g.valid_to, 'requiresExplicitRequest', g.requires_explicit_request,
              'createdAt', g.created_at, 'createdBy', g.created_by, 'endedAt', g.ended_at, 'endedBy', g.ended_by,
              'endReason', g.end_reason, 'requiredRelation', g.required_relation, 'proposedBy', g.proposed_by,
              'approvedAt', g.approved_at, 'approvedBy', g.approved_by) ORDER BY g.created_at, g.id), '[]'::json)
       FROM evidence_grant g
      WHERE g.ended_at IS NULL AND g.approved_at IS NOT NULL AND g.valid_from <= $2 AND g.valid_to > $2 AND g.evidence_type = ANY($3::text[])
        AND (g.requester_oin = ANY($1::char(20)[])
             OR g.requester_role IN (SELECT unnest(p.roles) FROM party p WHERE p.oin = ANY($1::char(20)[])))) AS grants,
    (SELECT coalesce(json_agg(json_build_object(
              'id', e.id, 'evidenceType', e.evidence_type, 'subjectPseudonym', e.subject_pseudonym, 'issuerOin', e.issuer_oin,
              'issuerSubUnit', e.issuer_sub_unit, 'sourceReference', e.source_reference, 'schemaVersion', e.schema_version,
              'payload', encode(e.payload, 'base64'), 'contentSha256', e.content_sha256, 'contentCommitment', e.content_commitment,
              'issuedAt', e.issued_at,
              'verifiedAt', e.verified_at, 'validUntil', e.valid_until, 'revokedAt', e.revoked_at,
              'revocationReason', e.revocation_reason)), '[]'::json)
       FROM evidence e
      WHERE (e.evidence_type, e.subject_pseudonym) IN (
              SELECT k.t, coalesce(l.subject, k.s) FROM unnest($4::text[], $5::text[]) AS k(t, s) LEFT JOIN linked l ON l.member = k.s)
         OR e.id = ANY($6::uuid[])) AS evidence,
    (SELECT coalesce(json_agg(json_build_object(
              'id', r.id, 'kind', r.kind, 'partyOin', r.party_oin, 'subjectPseudonym', r.subject_pseudonym,
              'caseReference', r.case_reference, 'establishedBy', r.established_by, 'establishedAt', r.established_at,
              'endedAt', r.ended_at, 'endReason', r.end_reason)), '[]'::json)
       FROM subject_relation r
      WHERE r.ended_at IS NULL AND r.party_oin = ANY($1::char(20)[])
        AND r.subject_pseudonym IN (SELECT coalesce(l.subject, k.s) FROM unnest($7::text[]) AS k(s) LEFT JOIN linked l ON l.member = k.s)) AS relations`,
};

type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] extends Uint8Array ? string : T[K];
};

const date = (value: string): Date => new Date(value);
const optionalDate = (value: string | null): Date | null => (value === null ? null : new Date(value));

@Injectable()
export class RequestSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inside `tx` when given, else as a statement of its own. */
  async load(tx: EntityManager | null, query: SnapshotQuery): Promise<RequestSnapshot> {
    const [row] = await queryPrepared<{
      links: { member: string; subject: string }[];
      parties: PartyRecord[];
      grants: Json<GrantRecord>[];
      evidence: Json<EvidenceRecord>[];
      relations: Json<SubjectRelationRecord>[];
    }>(tx ?? this.dataSource, SNAPSHOT, [
      query.oins,
      query.at,
      query.evidenceTypes,
      query.subjects.map((subject) => subject.evidenceType),
      query.subjects.map((subject) => subject.subjectPseudonym),
      query.evidenceIds,
      query.relationSubjects,
    ]);
    return {
      links: row.links,
      parties: row.parties.map((party) => ({ ...party, oin: party.oin.trim() })),
      grants: row.grants.map((grant) => ({
        ...grant,
        requesterRole: grant.requesterRole,
        evidenceType: grant.evidenceType,
        validFrom: date(grant.validFrom),
        validTo: date(grant.validTo),
        createdAt: date(grant.createdAt),
        endedAt: optionalDate(grant.endedAt),
        approvedAt: optionalDate(grant.approvedAt),
      })),
      evidence: row.evidence.map((evidence) => ({
        ...evidence,
        evidenceType: evidence.evidenceType,
        payload: Buffer.from(evidence.payload, 'base64'),
        issuedAt: date(evidence.issuedAt),
        verifiedAt: date(evidence.verifiedAt),
        validUntil: date(evidence.validUntil),
        revokedAt: optionalDate(evidence.revokedAt),
      })),
      relations: row.relations.map((relation) => ({
        ...relation,
        partyOin: relation.partyOin.trim(),
        establishedBy: relation.establishedBy.trim(),
        establishedAt: date(relation.establishedAt),
        endedAt: optionalDate(relation.endedAt),
      })),
    };
  }
}
