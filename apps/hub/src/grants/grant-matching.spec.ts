import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { PartyRecord } from '../party-registry/party.repository';
import { type EvidenceAsk, type GrantRecord, matchGrant } from './grant';

const IND: PartyRecord = { oin: '00000001812345670000', name: 'IND', roles: [PartyRole.PARTY_ROLE_IND], subUnits: [] };
const NOW = new Date('2026-03-01T10:00:00Z');

function grant(overrides: Partial<GrantRecord> = {}): GrantRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    requesterOin: null,
    requesterRole: PartyRole.PARTY_ROLE_IND,
    requesterSubUnit: '',
    evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
    purpose: 'ADMISSION_STUDY',
    legalBasis: 'Vw 2000 art. 24a',
    allowedFields: ['enrolment_status'],
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validTo: new Date('2027-01-01T00:00:00Z'),
    requiresExplicitRequest: false,
    requiredRelation: null,
    createdAt: new Date('2025-12-01T00:00:00Z'),
    createdBy: '00000001999999990000',
    endedAt: null,
    endedBy: null,
    endReason: null,
    proposedBy: 'anna.devries',
    approvedAt: new Date('2025-12-01T01:00:00Z'),
    approvedBy: 'bram.jansen',
    ...overrides,
  };
}

const ASK: EvidenceAsk = {
  party: IND,
  subUnit: '',
  evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
  purpose: 'ADMISSION_STUDY',
  legalBasis: 'Vw 2000 art. 24a',
  relations: new Set(),
  at: NOW,
};

describe('matchGrant', () => {
  it('allows a request that a grant for the requester role covers', () => {
    const match = matchGrant([grant()], ASK);
    expect(match).toEqual({ ok: true, grant: grant() });
  });

  it('denies by default', () => {
    expect(matchGrant([], ASK)).toEqual({ ok: false, refusal: 'NO_GRANT' });
  });

  it.each([
    ['another evidence type', { evidenceType: EvidenceType.EVIDENCE_TYPE_MVV_ISSUED }],
    ['another role', { requesterRole: PartyRole.PARTY_ROLE_UWV }],
    ['another party', { requesterOin: '00000001834567890000', requesterRole: null }],
    ['a grant not yet valid', { validFrom: new Date('2026-06-01T00:00:00Z') }],
    ['a grant that ran out', { validTo: NOW }],
    ['an ended grant', { endedAt: new Date('2026-02-01T00:00:00Z') }],
    ['a grant for another sub-unit', { requesterSubUnit: 'schiphol' }],
  ])('gives no grant for %s', (_label, overrides) => {
    expect(matchGrant([grant(overrides as Partial<GrantRecord>)], ASK)).toEqual({ ok: false, refusal: 'NO_GRANT' });
  });

  it('says the purpose is wrong when only the purpose differs', () => {
    expect(matchGrant([grant()], { ...ASK, purpose: 'MARKETING' })).toEqual({ ok: false, refusal: 'PURPOSE_NOT_GRANTED' });
  });

  it('says the legal basis is wrong when purpose matches but the legal basis differs', () => {
    expect(matchGrant([grant()], { ...ASK, legalBasis: 'Vw 2000 art. 107' })).toEqual({ ok: false, refusal: 'LEGAL_BASIS_NOT_GRANTED' });
  });

  it("never takes a grant that needs the person's explicit request: no consent record the hub can check exists yet", () => {
    const explicitOnly = grant({ requiresExplicitRequest: true });
    expect(matchGrant([explicitOnly], ASK)).toEqual({ ok: false, refusal: 'EXPLICIT_REQUEST_REQUIRED' });
    expect(matchGrant([explicitOnly, grant({ id: '00000000-0000-4000-8000-00000000000c' })], ASK)).toMatchObject({ ok: true });
  });

  it('needs the relation a grant requires, as the hub knows it (leak 4: relations, not roles)', () => {
    const forSponsors = grant({ requiredRelation: 'SPONSORSHIP' });
    expect(matchGrant([forSponsors], ASK)).toEqual({ ok: false, refusal: 'NO_RELATION' });
    expect(matchGrant([forSponsors], { ...ASK, relations: new Set(['SPONSORSHIP'] as const) })).toEqual({ ok: true, grant: forSponsors });
  });

  it('checks the relation after purpose and legal basis, so the refusal names the first thing that failed', () => {
    const forSponsors = grant({ requiredRelation: 'SPONSORSHIP' });
    expect(matchGrant([forSponsors], { ...ASK, purpose: 'MARKETING' })).toEqual({ ok: false, refusal: 'PURPOSE_NOT_GRANTED' });
  });

  it('prefers a grant for this very party over one for its role', () => {
    const forRole = grant({ id: '00000000-0000-4000-8000-00000000000a' });
    const forParty = grant({
      id: '00000000-0000-4000-8000-00000000000b',
      requesterOin: IND.oin,
      requesterRole: null,
      allowedFields: ['academic_year'],
    });
    const match = matchGrant([forRole, forParty], ASK);
    expect(match.ok && match.grant.id).toBe(forParty.id);
  });
});
