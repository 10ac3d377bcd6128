import { SubjectRelation } from '@welkom/contracts/generated/welkom/hub/v1/grant';

/**
 * A relation between a party and a subject that the hub knows from a fact it can check, never from what a
 * requester says (issue 11, leak 4). A grant may require one; the relation itself is audited when it is
 * recorded and when it ends.
 */
export type RelationKind = 'SPONSORSHIP' | 'CASE_HOLDER';

/** Each kind as the grant contract spells it; one table, so a new kind without a contract value does not compile. */
export const RELATION_MESSAGES: Record<RelationKind, SubjectRelation> = {
  SPONSORSHIP: SubjectRelation.SUBJECT_RELATION_SPONSORSHIP,
  CASE_HOLDER: SubjectRelation.SUBJECT_RELATION_CASE_HOLDER,
};

export const RELATION_KINDS = Object.keys(RELATION_MESSAGES) as [RelationKind, ...RelationKind[]];

/** The kind a contract value names; null for UNSPECIFIED (no relation), undefined for a value the hub cannot check. */
export function relationFromMessage(value: unknown): RelationKind | null | undefined {
  if (value === undefined || value === null || value === SubjectRelation.SUBJECT_RELATION_UNSPECIFIED) return null;
  return RELATION_KINDS.find((kind) => RELATION_MESSAGES[kind] === value);
}

export function relationToMessage(kind: RelationKind | null): SubjectRelation {
  return kind === null ? SubjectRelation.SUBJECT_RELATION_UNSPECIFIED : RELATION_MESSAGES[kind];
}

export interface SubjectRelationRecord {
  id: string;
  kind: RelationKind;
  /** The party that holds the relation (for a sponsorship: the sponsor). */
  partyOin: string;
  subjectPseudonym: string;
  /** What the relation rests on: for a sponsorship, the IND's application reference. */
  caseReference: string;
  /** The authority whose signed fact established it (for a sponsorship: the IND). */
  establishedBy: string;
  establishedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
}

/** The kinds of relation each party holds with each subject, from active relations. */
export function relationsByPartyAndSubject(relations: readonly SubjectRelationRecord[]): Map<string, Set<RelationKind>> {
  const held = new Map<string, Set<RelationKind>>();
  for (const relation of relations) {
    if (relation.endedAt !== null) continue;
    const key = relationKey(relation.partyOin, relation.subjectPseudonym);
    held.set(key, new Set([...(held.get(key) ?? []), relation.kind]));
  }
  return held;
}

export function relationKey(partyOin: string, subjectPseudonym: string): string {
  return `${partyOin}/${subjectPseudonym}`;
}
