import { CHECKED_PROOF, ENROLMENT, grant, IND, LEIDEN, NOW, storedProof, SUBJECT, UWV } from '../testing/hub-fixtures';
import type { RequestEvidenceCommand } from './evidence-request.command';
import { decideEvidenceRequest, type DecisionInput, refusalError } from './evidence-request.decision';

const COMMAND: RequestEvidenceCommand = {
  subject: { kind: 'pseudonym', value: SUBJECT },
  entry: ENROLMENT,
  purpose: 'ADMISSION_STUDY',
  legalBasis: 'Vw 2000 art. 24a',
  explicitRequestByPerson: false,
  subUnit: '',
  responseTimeoutMs: undefined,
  evidenceId: undefined,
  sourceOin: undefined,
};

function input(overrides: Partial<DecisionInput> = {}, command: Partial<RequestEvidenceCommand> = {}): DecisionInput {
  return {
    item: { callerOin: IND.oin, command: { ...COMMAND, ...command }, subjectPseudonym: SUBJECT },
    party: IND,
    grants: [grant()],
    evidence: [storedProof()],
    relations: new Set(),
    now: NOW,
    ...overrides,
  };
}

describe('decideEvidenceRequest', () => {
  it('discloses valid evidence with only the granted fields', () => {
    const decision = decideEvidenceRequest(input());
    expect(decision.kind).toBe('disclosed');
    if (decision.kind !== 'disclosed') return;
    expect(decision.disclosure.disclosedFields).toEqual(['enrolment_status', 'academic_year']);
    expect(decision.disclosure.payload.enrolmentProof?.programmeName).toBe('');
  });

  it('refuses an unknown party before looking at grants', () => {
    expect(decideEvidenceRequest(input({ party: undefined }))).toMatchObject({ kind: 'refused', reason: 'UNKNOWN_PARTY' });
  });

  it('refuses without a grant, and names no evidence (nothing was looked at)', () => {
    expect(decideEvidenceRequest(input({ grants: [] }))).toEqual({ kind: 'refused', reason: 'NO_GRANT', grant: null, evidence: null });
  });

  it('refuses a sub-unit the party does not have as a request error, not a refusal', () => {
    const decision = decideEvidenceRequest(input({}, { subUnit: 'schiphol' }));
    expect(decision.kind).toBe('invalid');
    if (decision.kind === 'invalid') expect(decision.error.fieldViolations[0].field).toBe('sub_unit');
  });

  it('answers with the newest valid evidence when there are several', () => {
    const older = storedProof({ id: '00000000-0000-4000-8000-0000000000a1', verifiedAt: new Date('2026-01-01T00:00:00Z') });
    const newer = storedProof({ id: '00000000-0000-4000-8000-0000000000a2', verifiedAt: new Date('2026-02-15T00:00:00Z') });
    const decision = decideEvidenceRequest(input({ evidence: [older, newer] }));
    expect(decision.kind === 'disclosed' && decision.evidence.id).toBe(newer.id);
  });

  it('refuses when the newest evidence was revoked and nothing valid is left', () => {
    const revoked = storedProof({ revokedAt: new Date('2026-02-20T00:00:00Z'), revocationReason: 'deregistered' });
    const decision = decideEvidenceRequest(input({ evidence: [revoked] }));
    expect(decision).toMatchObject({ kind: 'refused', reason: 'EVIDENCE_REVOKED', evidence: revoked });
    if (decision.kind === 'refused') {
      const error = refusalError(decision, input().item);
      expect(error.code).toBe('FAILED_PRECONDITION');
      expect(error.preconditionViolations[0]).toMatchObject({ type: 'EVIDENCE_REVOKED', subject: revoked.id });
    }
  });

  it('waits for the source when the vault holds nothing, until the catalogue deadline', () => {
    const decision = decideEvidenceRequest(input({ evidence: [] }));
    expect(decision).toMatchObject({ kind: 'pending', deadline: new Date(NOW.getTime() + 72 * 3_600_000) });
  });

  it('waits for the source when the evidence has expired, with the deadline the requester chose', () => {
    const expired = storedProof({ validUntil: new Date('2026-02-28T00:00:00Z') });
    const decision = decideEvidenceRequest(input({ evidence: [expired] }, { responseTimeoutMs: 5_000 }));
    expect(decision).toMatchObject({ kind: 'pending', deadline: new Date(NOW.getTime() + 5_000) });
  });

  it('refuses a specific piece of evidence that has expired', () => {
    const expired = storedProof({ validUntil: new Date('2026-02-28T00:00:00Z') });
    const decision = decideEvidenceRequest(input({ evidence: [expired] }, { evidenceId: expired.id }));
    expect(decision).toMatchObject({ kind: 'refused', reason: 'EVIDENCE_EXPIRED' });
  });

  it('does not find a specific piece of evidence about someone else', () => {
    const other = storedProof({ subjectPseudonym: `subj_${'b'.repeat(52)}` });
    expect(decideEvidenceRequest(input({ evidence: [other] }, { evidenceId: other.id }))).toMatchObject({
      kind: 'refused',
      reason: 'EVIDENCE_NOT_FOUND',
    });
  });

  it('refuses to disclose a payload that no longer matches its hash', () => {
    const tampered = storedProof({ payload: Buffer.concat([Buffer.from(CHECKED_PROOF.canonical), Buffer.from([0])]) });
    expect(decideEvidenceRequest(input({ evidence: [tampered] }))).toMatchObject({ kind: 'refused', reason: 'VAULT_INTEGRITY_VIOLATION' });
  });
});

describe('routing a waiting request to one source (issue 11, leak 1)', () => {
  const DELFT = { ...LEIDEN, oin: '00000003270987650000', name: 'TU Delft' };
  const expired = (issuerOin: string, verifiedAt: string) =>
    storedProof({ id: `00000000-0000-4000-8000-${issuerOin.slice(8)}`, issuerOin, verifiedAt: new Date(verifiedAt), validUntil: NOW });

  it('routes to the source the requester names, when it is authoritative for the type', () => {
    const decision = decideEvidenceRequest(input({ evidence: [], namedSource: LEIDEN }, { sourceOin: LEIDEN.oin }));
    expect(decision).toMatchObject({ kind: 'pending', routedSourceOin: LEIDEN.oin });
  });

  it('prefers the named source over the issuer of earlier evidence', () => {
    const earlier = expired(LEIDEN.oin, '2025-09-01T00:00:00Z');
    const decision = decideEvidenceRequest(input({ evidence: [earlier], namedSource: DELFT }, { sourceOin: DELFT.oin }));
    expect(decision).toMatchObject({ kind: 'pending', routedSourceOin: DELFT.oin });
  });

  it('refuses a named source without the source role for the type as a field violation on source_oin', () => {
    const decision = decideEvidenceRequest(input({ evidence: [], namedSource: UWV }, { sourceOin: UWV.oin }));
    expect(decision.kind).toBe('invalid');
    if (decision.kind === 'invalid') expect(decision.error.fieldViolations.map((v) => v.field)).toEqual(['source_oin']);
  });

  it('refuses a named source the registry does not know as a field violation on source_oin', () => {
    const decision = decideEvidenceRequest(input({ evidence: [] }, { sourceOin: '00000009999999990000' }));
    expect(decision.kind === 'invalid' && decision.error.fieldViolations.map((v) => v.field)).toEqual(['source_oin']);
  });

  it('routes to the issuer of the newest earlier evidence about the person when none is named', () => {
    const older = expired(DELFT.oin, '2025-01-01T00:00:00Z');
    const newer = expired(LEIDEN.oin, '2025-09-01T00:00:00Z');
    expect(decideEvidenceRequest(input({ evidence: [older, newer] }))).toMatchObject({ kind: 'pending', routedSourceOin: LEIDEN.oin });
  });

  it('leaves a request unrouted when nobody is named and the vault holds nothing about the person', () => {
    expect(decideEvidenceRequest(input({ evidence: [] }))).toMatchObject({ kind: 'pending', routedSourceOin: null });
  });
});
