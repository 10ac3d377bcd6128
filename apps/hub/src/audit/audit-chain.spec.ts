import { AuditChainVerifier, auditDraft, chainHash, entryContent, GENESIS_HASH, linkEntries, type AuditRecord } from './audit-chain';

const AT = new Date('2026-03-01T10:00:00.123Z');
const IND = '00000001812345670000';

function chainOf(count: number): { records: AuditRecord[]; head: { sequence: string; hash: string } } {
  const drafts = Array.from({ length: count }, (_, i) =>
    auditDraft({
      occurredAt: AT,
      actorOin: IND,
      action: 'EVIDENCE_DISCLOSED',
      subjectPseudonym: `subj_${i}`,
      purpose: 'ADMISSION_STUDY',
      disclosedFields: ['enrolment_status'],
    }),
  );
  return linkEntries({ sequence: '0', hash: GENESIS_HASH }, drafts);
}

function verify(records: AuditRecord[], head: { sequence: string; hash: string }) {
  const verifier = new AuditChainVerifier();
  for (const record of records) if (!verifier.check(record)) break;
  return verifier.finish(head);
}

describe('chainHash', () => {
  it('is SHA-256 of "<sequence>\\n<previous hash>\\n<content>" in UTF-8, the rule PostgreSQL also applies when it appends', () => {
    // Same vector as computed by the append statement in PostgreSQL (convert_to(..., 'UTF8'), sha256).
    expect(chainHash('1', GENESIS_HASH, JSON.stringify(['a', 1]))).toBe('7be1ff746e87facb4dd0a192d644c8e5f0c1f730809d43ac2e509ea79f47613e');
  });
});

describe('linkEntries', () => {
  it('numbers entries after the head and links each to the one before', () => {
    const { records, head } = chainOf(3);
    expect(records.map((r) => r.sequence)).toEqual(['1', '2', '3']);
    expect(records[0].previousHash).toBe(GENESIS_HASH);
    expect(records[1].previousHash).toBe(records[0].entryHash);
    expect(head).toEqual({ sequence: '3', hash: records[2].entryHash });
  });

  it('continues a chain across batches exactly as one long batch would', () => {
    const whole = chainOf(4);
    const firstHalf = linkEntries({ sequence: '0', hash: GENESIS_HASH }, whole.records.slice(0, 2));
    const secondHalf = linkEntries(firstHalf.head, whole.records.slice(2));
    expect(secondHalf.head).toEqual(whole.head);
  });
});

describe('AuditChainVerifier', () => {
  it('accepts an untouched chain', () => {
    const { records, head } = chainOf(5);
    expect(verify(records, head)).toBeUndefined();
  });

  it('finds an entry whose content was changed, at that entry', () => {
    const { records, head } = chainOf(5);
    records[2] = { ...records[2], purpose: 'SOMETHING_ELSE' };
    expect(verify(records, head)).toEqual({ sequence: '3', problem: 'entry hash does not match its content' });
  });

  it('finds a changed entry whose hash was recomputed, at the entry after it', () => {
    const { records, head } = chainOf(5);
    const { records: forged } = linkEntries({ sequence: '1', hash: records[0].entryHash }, [{ ...records[1], purpose: 'X' }]);
    records[1] = forged[0];
    expect(verify(records, head)?.sequence).toBe('3');
  });

  it('finds a deleted entry', () => {
    const { records, head } = chainOf(5);
    records.splice(1, 1);
    expect(verify(records, head)).toEqual({ sequence: '2', problem: 'entry 2 is missing (next is 3)' });
  });

  it('finds entries cut off at the end through the chain head', () => {
    const { records, head } = chainOf(5);
    expect(verify(records.slice(0, 3), head)?.sequence).toBe('4');
  });

  it('notices a changed timestamp, even by one millisecond', () => {
    const { records, head } = chainOf(2);
    records[0] = { ...records[0], occurredAt: new Date(AT.getTime() + 1) };
    expect(verify(records, head)?.sequence).toBe('1');
  });
});

describe('AuditChainVerifier from a later entry', () => {
  it('checks a range that starts after the entry it is given, and counts only that range', () => {
    const { records, head } = chainOf(5);
    const verifier = new AuditChainVerifier({ sequence: '2', hash: records[1].entryHash });
    expect(records.slice(2).every((record) => verifier.check(record))).toBe(true);
    expect([verifier.finish(head), verifier.verifiedEntries, verifier.lastVerifiedSequence]).toEqual([undefined, 3, '5']);
  });

  it('finds a changed entry inside the range', () => {
    const { records } = chainOf(5);
    records[3] = { ...records[3], purpose: 'SOMETHING_ELSE' };
    const verifier = new AuditChainVerifier({ sequence: '2', hash: records[1].entryHash });
    expect(records.slice(2).every((record) => verifier.check(record))).toBe(false);
    expect([verifier.verifiedEntries, verifier.lastVerifiedSequence]).toEqual([1, '3']);
  });
});

describe('entryContent with the operator in person (issue 12)', () => {
  const base = auditDraft({ occurredAt: AT, actorOin: '00000001999999990000', action: 'GRANT_PROPOSED', grantId: null });

  it('keeps the content of an entry without an operator exactly as it was before operators existed', () => {
    const content = JSON.parse(entryContent(base)) as unknown[];
    expect(content).toHaveLength(15);
    expect(content[0]).toBe('welkom-audit-v1');
  });

  it('covers the operator by the hash: changing who acted breaks the entry', () => {
    const [anna] = linkEntries({ sequence: '0', hash: GENESIS_HASH }, [{ ...base, actorOperator: 'anna.devries' }]).records;
    const verifier = new AuditChainVerifier();
    expect(verifier.check({ ...anna, actorOperator: 'bram.jansen' })).toBe(false);
    expect(verifier.firstBreak?.problem).toBe('entry hash does not match its content');
    expect(new AuditChainVerifier().check({ ...anna, actorOperator: null })).toBe(false);
    expect(new AuditChainVerifier().check(anna)).toBe(true);
  });
});
