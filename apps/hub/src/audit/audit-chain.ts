import { createHash } from 'node:crypto';

/** What an audit entry records. Names are stable: the person's view and external verifiers read them. */
export type AuditAction =
  | 'EVIDENCE_DISCLOSED'
  | 'EVIDENCE_REQUEST_PENDING'
  | 'EVIDENCE_REQUEST_REFUSED'
  | 'EVIDENCE_REQUEST_COMPLETED'
  | 'EVIDENCE_REQUEST_EXPIRED'
  | 'EVIDENCE_ISSUED'
  | 'EVIDENCE_ISSUE_REFUSED'
  | 'EVIDENCE_REVOKED'
  | 'EVIDENCE_REVOKE_REFUSED'
  | 'GRANT_CREATED'
  | 'GRANT_PROPOSED'
  | 'GRANT_APPROVED'
  | 'GRANT_ENDED'
  | 'DEAD_LETTER_REPLAYED'
  | 'OPERATOR_REVOKED'
  | 'PARTY_REGISTERED'
  | 'PARTY_CHANGED'
  | 'SUBJECT_ACCESS_LISTED'
  | 'REQUEST_IDENTIFIER_DISCLOSED'
  | 'RELATION_ESTABLISHED'
  | 'RELATION_ENDED'
  | 'SUBJECT_IDENTIFIERS_LINKED'
  | 'SUBJECT_IDENTIFIERS_UNLINKED'
  | 'SUBJECT_MERGED';

/** The hub operator read a person's access log (ListSubjectAccess): reading the history is itself history. */
export const SUBJECT_ACCESS_LISTED: AuditAction = 'SUBJECT_ACCESS_LISTED';

/** An audit entry before it is linked into the chain. */
export interface AuditDraft {
  occurredAt: Date;
  actorOin: string;
  actorSubUnit: string;
  action: AuditAction;
  /** Why something was refused (a HubErrorReason) or why a grant ended. */
  reason: string | null;
  subjectPseudonym: string | null;
  evidenceType: string | null;
  evidenceId: string | null;
  requestId: string | null;
  grantId: string | null;
  purpose: string | null;
  legalBasis: string | null;
  disclosedFields: string[] | null;
  explicitRequestByPerson: boolean | null;
  /** The operator in person (their identifier from the certificate's UID) when an operator acted (issue 12). */
  actorOperator: string | null;
}

/** An entry as stored: its place in the chain, the hash of the entry before it and its own hash. */
export interface AuditRecord extends AuditDraft {
  /** bigint as a decimal string. */
  sequence: string;
  previousHash: string;
  entryHash: string;
}

export interface ChainHead {
  sequence: string;
  hash: string;
}

/** The "previous hash" of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
const HASH_FORMAT = 'welkom-audit-v1';

export function auditDraft(fields: Pick<AuditDraft, 'occurredAt' | 'actorOin' | 'action'> & Partial<AuditDraft>): AuditDraft {
  return {
    actorSubUnit: '',
    reason: null,
    subjectPseudonym: null,
    evidenceType: null,
    evidenceId: null,
    requestId: null,
    grantId: null,
    purpose: null,
    legalBasis: null,
    disclosedFields: null,
    explicitRequestByPerson: null,
    actorOperator: null,
    ...fields,
  };
}

/**
 * The canonical text of what an entry records: a JSON array in a fixed order (no key order to disagree
 * about), timestamps as UTC ISO 8601 with milliseconds (what PostgreSQL gives back for what we stored).
 * The operator in person (issue 12) is a 16th element, present only when an operator acted: entries written
 * before it existed, and every entry of a party, keep the content (and hash) they always had.
 */
export function entryContent(entry: AuditDraft): string {
  return JSON.stringify([
    HASH_FORMAT,
    entry.occurredAt.toISOString(),
    entry.actorOin,
    entry.actorSubUnit,
    entry.action,
    entry.reason,
    entry.subjectPseudonym,
    entry.evidenceType,
    entry.evidenceId,
    entry.requestId,
    entry.grantId,
    entry.purpose,
    entry.legalBasis,
    entry.disclosedFields,
    entry.explicitRequestByPerson,
    ...(entry.actorOperator === null || entry.actorOperator === undefined ? [] : [entry.actorOperator]),
  ]);
}

/**
 * SHA-256 (hex) of "<sequence>\n<previous hash>\n<content>" in UTF-8. Simple enough that PostgreSQL computes
 * the same value when it links a batch (audit-trail.repository.ts), and anyone can recompute it: changing any
 * field of any entry changes this hash, and through the previous hash every hash after it.
 */
export function chainHash(sequence: string, previousHash: string, content: string): string {
  return createHash('sha256').update(`${sequence}\n${previousHash}\n${content}`, 'utf8').digest('hex');
}

export function computeEntryHash(entry: Omit<AuditRecord, 'entryHash'>): string {
  return chainHash(entry.sequence, entry.previousHash, entryContent(entry));
}

/** Links drafts behind the current head, in order. Returns the records and the new head. */
export function linkEntries(head: ChainHead, drafts: readonly AuditDraft[]): { records: AuditRecord[]; head: ChainHead } {
  let sequence = BigInt(head.sequence);
  let previousHash = head.hash;
  const records = drafts.map((draft) => {
    sequence += 1n;
    const unhashed = { ...draft, sequence: sequence.toString(), previousHash };
    const record = { ...unhashed, entryHash: computeEntryHash(unhashed) };
    previousHash = record.entryHash;
    return record;
  });
  return { records, head: { sequence: sequence.toString(), hash: previousHash } };
}

export interface ChainBreak {
  sequence: string;
  problem: string;
}

/**
 * Walks the chain one record at a time (so a long chain is checked page by page), from the first entry or
 * from the entry after `start`, and reports the first link that does not hold: a missing entry, a previous
 * hash that is not the hash of the entry before, or an entry whose content no longer gives its hash.
 */
export class AuditChainVerifier {
  private readonly first: bigint;
  private expected: bigint;
  private previousHash: string;
  private broken: ChainBreak | undefined;

  /** `start` is the entry before the first one to check, trusted as given; the genesis when absent. */
  constructor(start: ChainHead = { sequence: '0', hash: GENESIS_HASH }) {
    this.first = BigInt(start.sequence) + 1n;
    this.expected = this.first;
    this.previousHash = start.hash;
  }

  get verifiedEntries(): number {
    return Number(this.expected - this.first);
  }

  /** The last entry found intact (the start when none was). */
  get lastVerifiedSequence(): string {
    return (this.expected - 1n).toString();
  }

  get lastHash(): string {
    return this.previousHash;
  }

  /** False once a break is found; later records are not looked at. */
  check(record: AuditRecord): boolean {
    if (this.broken) return false;
    if (record.sequence !== this.expected.toString()) {
      this.broken = { sequence: this.expected.toString(), problem: `entry ${this.expected} is missing (next is ${record.sequence})` };
    } else if (record.previousHash !== this.previousHash) {
      this.broken = { sequence: record.sequence, problem: 'previous hash is not the hash of the entry before it' };
    } else if (computeEntryHash(record) !== record.entryHash) {
      this.broken = { sequence: record.sequence, problem: 'entry hash does not match its content' };
    } else {
      this.expected += 1n;
      this.previousHash = record.entryHash;
      return true;
    }
    return false;
  }

  /** The first break found so far, if any. */
  get firstBreak(): ChainBreak | undefined {
    return this.broken;
  }

  /** The verdict, given the head the database holds (entries cut off at the end show here). */
  finish(head: ChainHead): ChainBreak | undefined {
    if (this.broken) return this.broken;
    if (head.sequence !== (this.expected - 1n).toString() || head.hash !== this.previousHash) {
      return {
        sequence: this.expected.toString(),
        problem: `the chain head says ${head.sequence} entries ending in ${head.hash.slice(0, 12)}…, the entries end at ${this.expected - 1n}`,
      };
    }
    return undefined;
  }
}
