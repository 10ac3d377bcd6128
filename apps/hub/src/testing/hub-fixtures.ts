import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { type EnrolmentProof, EnrolmentStatus, StudyLevel } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { Transaction } from '@welkom/persistence';
import type { AuditDraft, AuditRecord } from '../audit/audit-chain';
import { readEvidenceCatalogue } from '../catalogue/evidence-catalogue';
import { checkPayload } from '../catalogue/evidence-payload';
import type { EvidenceRecord } from '../evidence/evidence';
import type { GrantRecord } from '../grants/grant';
import { DEFAULT_EVIDENCE_CATALOGUE_FILE } from '../hub.config';
import type { PartyRecord } from '../party-registry/party.repository';
import type { SubjectLinkRepository } from '../subjects/subject-link.repository';
import { strictFake } from '@welkom/testing/strict-fake';

/** Fixtures for the small tests: the real catalogue, the dev parties, one grant and one proof. */
export const CATALOGUE = readEvidenceCatalogue(DEFAULT_EVIDENCE_CATALOGUE_FILE);
export const ENROLMENT = CATALOGUE.find(EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF)!;
export const NOW = new Date('2026-03-01T10:00:00.000Z');
/** Stands in for an open transaction: repositories get it, services never look inside. */
export const TX = { transaction: 'under test' } as unknown as Transaction;

export const IND: PartyRecord = { oin: '00000001812345670000', name: 'IND', roles: [PartyRole.PARTY_ROLE_IND], subUnits: [] };
export const UWV: PartyRecord = { oin: '00000001834567890000', name: 'UWV', roles: [PartyRole.PARTY_ROLE_UWV], subUnits: [] };
export const HUB: PartyRecord = { oin: '00000001999999990000', name: 'Hub', roles: [PartyRole.PARTY_ROLE_HUB_OPERATOR], subUnits: [] };
export const LEIDEN: PartyRecord = {
  oin: '00000003281234560000',
  name: 'Universiteit Leiden',
  roles: [PartyRole.PARTY_ROLE_UNIVERSITY, PartyRole.PARTY_ROLE_RECOGNISED_SPONSOR],
  subUnits: [],
};
export const SUBJECT = `subj_${'a'.repeat(52)}`;

export const PROOF: EnrolmentProof = {
  institutionName: 'Universiteit Leiden',
  institutionBrin: '21PB',
  programmeName: 'MSc Computer Science',
  programmeCode: '60300',
  studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
  enrolmentStatus: EnrolmentStatus.ENROLMENT_STATUS_ENROLLED,
  academicYear: '2026-2027',
  startDate: '2026-09-01',
  expectedEndDate: '2028-08-31',
  fullTime: true,
};
export const CHECKED_PROOF = checkPayload(ENROLMENT, { enrolmentProof: PROOF }, 'evidence.payload').payload!;

export function grant(overrides: Partial<GrantRecord> = {}): GrantRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    requesterOin: null,
    requesterRole: PartyRole.PARTY_ROLE_IND,
    requesterSubUnit: '',
    evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
    purpose: 'ADMISSION_STUDY',
    legalBasis: 'Vw 2000 art. 24a',
    allowedFields: ['enrolment_status', 'academic_year'],
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validTo: new Date('2027-01-01T00:00:00Z'),
    requiresExplicitRequest: false,
    requiredRelation: null,
    createdAt: new Date('2025-12-01T00:00:00Z'),
    createdBy: HUB.oin,
    endedAt: null,
    endedBy: null,
    endReason: null,
    proposedBy: null,
    approvedAt: new Date('2025-12-01T00:00:00Z'),
    approvedBy: null,
    ...overrides,
  };
}

export function storedProof(overrides: Partial<EvidenceRecord> = {}): EvidenceRecord {
  return {
    id: '00000000-0000-4000-8000-0000000000e1',
    evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
    subjectPseudonym: SUBJECT,
    issuerOin: LEIDEN.oin,
    issuerSubUnit: '',
    sourceReference: 'leiden-1',
    schemaVersion: 1,
    payload: CHECKED_PROOF.canonical,
    contentSha256: CHECKED_PROOF.sha256,
    contentCommitment: 'c'.repeat(64),
    issuedAt: new Date('2026-02-01T00:00:00Z'),
    verifiedAt: new Date('2026-02-01T00:00:01Z'),
    validUntil: new Date('2027-02-01T00:00:00Z'),
    revokedAt: null,
    revocationReason: null,
    ...overrides,
  };
}

/** An audit repository fake that links nothing but keeps what was appended, in which transaction. */
export function recordingAudit(): {
  appended: { tx: Transaction; drafts: AuditDraft[] }[];
  append: (tx: Transaction, drafts: readonly AuditDraft[]) => Promise<AuditRecord[]>;
} {
  const appended: { tx: Transaction; drafts: AuditDraft[] }[] = [];
  let sequence = 0;
  return {
    appended,
    append: (tx, drafts) => {
      appended.push({ tx, drafts: [...drafts] });
      const records = drafts.map((draft) => {
        sequence += 1;
        return { ...draft, sequence: String(sequence), previousHash: '0'.repeat(64), entryHash: 'f'.repeat(64) };
      });
      return Promise.resolve(records);
    },
  };
}

/** Links that resolve every pseudonym to itself: a hub where nobody linked identifiers, or `links` (member → subject). */
export function linkedSubjects(links: Record<string, string> = {}): SubjectLinkRepository {
  return strictFake<SubjectLinkRepository>('SubjectLinkRepository', {
    resolve: (_tx, pseudonyms) => Promise.resolve(new Map(pseudonyms.map((pseudonym) => [pseudonym, links[pseudonym] ?? pseudonym]))),
  });
}
