/**
 * A relation between a party and a subject that the hub knows from a fact it can check, never from what a
 * requester says (issue 11, leak 4). A grant may require one; the relation itself is audited when it is
 * recorded and when it ends.
 */
export type RelationKind = 'SPONSORSHIP';

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
