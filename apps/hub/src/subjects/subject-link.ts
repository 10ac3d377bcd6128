import type { SubjectId } from './subject-identifier';

/**
 * Identity links (issue 11, leak 6). Every identifier has its own keyed pseudonym; a link makes one pseudonym
 * (the member: an identifier's own, or a whole subject's that was merged) resolve to another (the subject).
 * Links are kept flat: when a subject is merged, the links that pointed at it are pointed at the survivor, so
 * resolving is one lookup.
 */
export type LinkableKind = Extract<SubjectId['kind'], 'bsn' | 'v-number' | 'passport'>;

export const LINKABLE_KINDS: readonly LinkableKind[] = ['bsn', 'v-number', 'passport'];

/** What a link moved to the surviving pseudonym, by id, so an unlink can move exactly that back. */
export interface MovedRows {
  evidence: string[];
  requests: string[];
  relations: string[];
  /** Links that pointed at the merged subject and were pointed at the survivor. */
  links: string[];
}

export interface SubjectLinkRecord {
  id: string;
  memberPseudonym: string;
  subjectPseudonym: string;
  /** The kind of the identifier the link added, and that identifier's own pseudonym. */
  identifierKind: LinkableKind;
  identifierPseudonym: string;
  caseReference: string;
  linkedBy: string;
  linkedAt: Date;
  moved: MovedRows;
  unlinkedBy: string | null;
  unlinkedAt: Date | null;
  unlinkReason: string | null;
}

export function isLinkable(subject: SubjectId): subject is Extract<SubjectId, { kind: LinkableKind }> {
  return (LINKABLE_KINDS as readonly string[]).includes(subject.kind);
}

/**
 * Which of two subjects survives a merge: the one the hub saw first (its first audit entry; every issue and
 * request about a subject is audited), so pseudonyms already given out keep meaning the person; when the hub
 * saw neither, the one the caller named as already known.
 */
export function survivorOf(known: string, added: string, firstSeen: ReadonlyMap<string, bigint>): { survivor: string; absorbed: string } {
  const knownAt = firstSeen.get(known);
  const addedAt = firstSeen.get(added);
  const addedFirst = addedAt !== undefined && (knownAt === undefined || addedAt < knownAt);
  return addedFirst ? { survivor: added, absorbed: known } : { survivor: known, absorbed: added };
}
