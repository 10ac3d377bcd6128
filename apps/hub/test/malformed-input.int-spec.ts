import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as GrpcClient, credentials as grpcCredentials, type ServiceError, status } from '@grpc/grpc-js';
import type { Observable } from 'rxjs';
import { AUDIT_CONTRACT, EVIDENCE_EXCHANGE_CONTRACT, GRANT_CONTRACT, HEALTH_CONTRACT } from '@welkom/contracts';
import { HealthCheckResponse_ServingStatus, type HealthClient } from '@welkom/contracts/generated/grpc/health/v1/health';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { type EnrolmentProof, EnrolmentStatus, StudyLevel } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { AuditServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import type { EvidenceServiceClient, RequestEvidenceRequest } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { type Grant, type GrantServiceClient, SubjectRelation } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import { testInfrastructure } from '@welkom/testing';
import {
  call,
  callError,
  DEV_PARTIES_FILE,
  type HubUnderTest,
  OPERATOR,
  type PartyKey,
  startHubUnderTest,
  testBsn,
} from './hub-test-harness';

jest.setTimeout(120_000);

const NOW_SECONDS = Math.floor(Date.now() / 1000);
const PROOF: EnrolmentProof = {
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
const VALID_REQUEST: RequestEvidenceRequest = {
  subject: { bsn: testBsn(1) },
  evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
  purpose: 'ADMISSION_STUDY',
  legalBasis: 'Vw 2000 art. 24a',
  explicitRequestByPerson: false,
  subUnit: '',
  responseTimeout: undefined,
  evidenceId: '',
  sourceOin: '',
  question: undefined,
};
const VALID_ISSUE: IssuedEvidence = {
  subject: { bsn: testBsn(2) },
  evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
  payload: { enrolmentProof: PROOF },
  issuedAt: undefined,
  validUntil: undefined,
  sourceReference: 'leiden-malformed-1',
  subUnit: '',
};
const VALID_GRANT: Grant = {
  grantId: '',
  requesterRole: PartyRole.PARTY_ROLE_UWV,
  requesterSubUnit: '',
  evidenceType: EvidenceType.EVIDENCE_TYPE_MVV_ISSUED,
  purpose: 'WORK_PERMIT_ADVICE',
  legalBasis: 'Wav art. 3',
  allowedFields: ['issued_on'],
  validFrom: undefined,
  validTo: { seconds: String(NOW_SECONDS + 86_400), nanos: 0 },
  requiresExplicitRequest: false,
  createdAt: undefined,
  endedAt: undefined,
  endReason: '',
  requiredRelation: SubjectRelation.SUBJECT_RELATION_UNSPECIFIED,
  proposedBy: '',
  approvedAt: undefined,
  approvedBy: '',
};

type Clients = { evidence: (party: PartyKey) => EvidenceServiceClient; grants: GrantServiceClient; audit: AuditServiceClient };
type Case = [name: string, send: (clients: Clients) => Observable<unknown>, field: string];

const ask =
  (change: Record<string, unknown>): Case[1] =>
  ({ evidence }) =>
    evidence('ind').requestEvidence({ ...VALID_REQUEST, ...change });
const issue =
  (change: Record<string, unknown>): Case[1] =>
  ({ evidence }) =>
    evidence('university-leiden').issueEvidence({ evidence: { ...VALID_ISSUE, ...change } });
const issueProof = (change: Record<string, unknown>): Case[1] => issue({ payload: { enrolmentProof: { ...PROOF, ...change } } });
const createGrant =
  (change: Record<string, unknown>): Case[1] =>
  ({ grants }) =>
    grants.createGrant({ grant: { ...VALID_GRANT, ...change } });
const long = (length: number) => 'x'.repeat(length);

/** Every case must be refused with INVALID_ARGUMENT and a google.rpc.BadRequest violation on exactly this field. */
const CASES: Case[] = [
  ['no subject at all', ask({ subject: undefined }), 'subject'],
  ['a BSN failing the 11-check', ask({ subject: { bsn: '123456789' } }), 'subject.bsn'],
  ['a BSN with letters', ask({ subject: { bsn: '12345678a' } }), 'subject.bsn'],
  ['a BSN of 8 digits', ask({ subject: { bsn: '12345678' } }), 'subject.bsn'],
  ['a V-number with punctuation', ask({ subject: { vNumber: 'V-123;DROP' } }), 'subject.v_number'],
  ['a V-number of 21 characters', ask({ subject: { vNumber: long(21) } }), 'subject.v_number'],
  [
    'a passport number of 10 characters',
    ask({ subject: { passport: { number: 'AB12345678', issuingCountry: 'KE' } } }),
    'subject.passport.number',
  ],
  [
    'a passport country that is not ISO alpha-2',
    ask({ subject: { passport: { number: 'AB123', issuingCountry: 'Kenya' } } }),
    'subject.passport.issuing_country',
  ],
  ['a KvK number of 7 digits', ask({ subject: { kvkNumber: '1234567' } }), 'subject.kvk_number'],
  ['a pseudonym the hub cannot have issued', ask({ subject: { pseudonym: 'subj_123' } }), 'subject.pseudonym'],
  ['an evidence type outside the enum', ask({ evidenceType: 999 }), 'evidence_type'],
  ['the unspecified evidence type', ask({ evidenceType: EvidenceType.EVIDENCE_TYPE_UNSPECIFIED }), 'evidence_type'],
  ['no purpose', ask({ purpose: '' }), 'purpose'],
  ['a purpose that is not a code', ask({ purpose: 'admission study' }), 'purpose'],
  ['a purpose of 10,000 characters', ask({ purpose: long(10_000) }), 'purpose'],
  ['no legal basis', ask({ legalBasis: '' }), 'legal_basis'],
  ['a legal basis with a line break', ask({ legalBasis: 'Vw 2000\nart. 24a' }), 'legal_basis'],
  ['a legal basis of 201 characters', ask({ legalBasis: long(201) }), 'legal_basis'],
  ['a legal basis with leading white space', ask({ legalBasis: ' Vw 2000 art. 24a' }), 'legal_basis'],
  ['a sub-unit in capitals', ask({ subUnit: 'Nairobi' }), 'sub_unit'],
  ['a sub-unit the party does not have', ask({ subUnit: 'schiphol' }), 'sub_unit'],
  ['a response timeout under a second', ask({ responseTimeout: { seconds: '0', nanos: 500_000_000 } }), 'response_timeout'],
  [
    'a response timeout beyond the catalogue maximum',
    ask({ responseTimeout: { seconds: String(31 * 86_400), nanos: 0 } }),
    'response_timeout',
  ],
  ['an evidence id that is not a UUID', ask({ evidenceId: "1' OR '1'='1" }), 'evidence_id'],
  ['an issue without evidence', ({ evidence }) => evidence('university-leiden').issueEvidence({ evidence: undefined }), 'evidence'],
  ['an issue without payload', issue({ payload: undefined }), 'evidence.payload'],
  ['a payload of another evidence type', issue({ payload: { mvvIssued: { issuedOn: '2026-01-01' } } }), 'evidence.payload'],
  ['a payload missing a required field', issueProof({ programmeName: '' }), 'evidence.payload.enrolment_proof.programme_name'],
  ['a payload with an impossible date', issueProof({ startDate: '2026-02-30' }), 'evidence.payload.enrolment_proof.start_date'],
  ['a payload date in another format', issueProof({ startDate: '01-09-2026' }), 'evidence.payload.enrolment_proof.start_date'],
  ['a payload enum value outside the enum', issueProof({ studyLevel: 77 }), 'evidence.payload.enrolment_proof.study_level'],
  [
    'a payload text field of 1,025 characters',
    issueProof({ programmeName: long(1_025) }),
    'evidence.payload.enrolment_proof.programme_name',
  ],
  [
    'a payload text with a NUL character',
    issueProof({ institutionName: 'Leiden\u0000' }),
    'evidence.payload.enrolment_proof.institution_name',
  ],
  [
    'an oversize payload (each field within its limit)',
    issueProof({
      institutionName: long(1000),
      institutionBrin: long(1000),
      programmeName: long(1000),
      programmeCode: long(1000),
      academicYear: long(1000),
    }),
    'evidence.payload',
  ],
  ['no source reference', issue({ sourceReference: '' }), 'evidence.source_reference'],
  ['a source reference with spaces', issue({ sourceReference: 'ref with spaces' }), 'evidence.source_reference'],
  [
    'valid until before issued at',
    issue({ issuedAt: { seconds: String(NOW_SECONDS - 100), nanos: 0 }, validUntil: { seconds: String(NOW_SECONDS - 200), nanos: 0 } }),
    'evidence.valid_until',
  ],
  ['an issue date a day in the future', issue({ issuedAt: { seconds: String(NOW_SECONDS + 86_400), nanos: 0 } }), 'evidence.issued_at'],
  [
    'a timestamp with nanos out of range',
    issue({ issuedAt: { seconds: String(NOW_SECONDS), nanos: 2_000_000_000 } }),
    'evidence.issued_at',
  ],
  ['a timestamp before 1970', issue({ validUntil: { seconds: '-5', nanos: 0 } }), 'evidence.valid_until'],
  ['a malformed requester OIN in a grant', createGrant({ requesterRole: undefined, requesterOin: '1234' }), 'grant.requester_oin'],
  [
    'an OIN of a party the hub does not know',
    createGrant({ requesterRole: undefined, requesterOin: '00000001000000000000' }),
    'grant.requester_oin',
  ],
  ['a grant for the unspecified role', createGrant({ requesterRole: PartyRole.PARTY_ROLE_UNSPECIFIED }), 'grant.requester_role'],
  ['a grant for a field the catalogue never shares', createGrant({ allowedFields: ['visa_sticker_number'] }), 'grant.allowed_fields[0]'],
  ['a grant without an end', createGrant({ validTo: undefined }), 'grant.valid_to'],
  ['a grant with an id chosen by the caller', createGrant({ grantId: '6a1f0c2e-0001-4000-8000-000000000001' }), 'grant.grant_id'],
  ['ending a grant named by a non-UUID', ({ grants }) => grants.endGrant({ grantId: 'grant-1', reason: 'x' }), 'grant_id'],
  [
    'asking for a request named by a non-UUID',
    ({ evidence }) => evidence('ind').getEvidenceRequest({ requestId: '../../etc/passwd' }),
    'request_id',
  ],
  ['a page of 501', ({ evidence }) => evidence('university-leiden').listOpenEvidenceRequests({ pageSize: 501 }), 'page_size'],
  ['a negative page size', ({ evidence }) => evidence('university-leiden').listOpenEvidenceRequests({ pageSize: -1 }), 'page_size'],
  ['a revocation that names nothing', ({ evidence }) => evidence('university-leiden').revokeEvidence({ reason: 'x' }), 'target'],
  [
    'a page token that is not one',
    ({ audit }) => audit.listSubjectAccess({ subject: { bsn: testBsn(3) }, pageSize: 0, pageToken: 'abc', purpose: '' }),
    'page_token',
  ],
  [
    'a subject-access purpose that is not a purpose code',
    ({ audit }) => audit.listSubjectAccess({ subject: { bsn: testBsn(3) }, pageSize: 0, pageToken: '', purpose: 'just looking' }),
    'purpose',
  ],
  [
    'an incremental verification that names a start',
    ({ audit }) => audit.verifyAuditChain({ fromSequence: '5', limit: '0', incremental: true }),
    'from_sequence',
  ],
  ['an approval of a grant named by a non-UUID', ({ grants }) => grants.approveGrant({ grantId: 'grant-1' }), 'grant_id'],
  [
    'a negative verification start',
    ({ audit }) => audit.verifyAuditChain({ fromSequence: '-1', limit: '0', incremental: false }),
    'from_sequence',
  ],
  [
    'a verification start beyond the chain head',
    ({ audit }) => audit.verifyAuditChain({ fromSequence: '1000000', limit: '0', incremental: false }),
    'from_sequence',
  ],
];

describe('malformed input: the right status and field violation for each, and the hub stays up', () => {
  let hub: HubUnderTest;
  let clients: Clients;

  beforeAll(async () => {
    // The EU reporting connector has a certificate from the party CA, but this hub's registry does not know it.
    const parties = JSON.parse(readFileSync(DEV_PARTIES_FILE, 'utf8')) as { parties: { key: string }[] };
    const seed = join(mkdtempSync(join(tmpdir(), 'hub-parties-')), 'parties.json');
    writeFileSync(seed, JSON.stringify({ ...parties, parties: parties.parties.filter((party) => party.key !== 'eu-reporting') }));
    hub = await startHubUnderTest('malformed', { PARTY_SEED_FILE: seed });
    clients = {
      evidence: (party) => hub.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, party),
      grants: hub.client<GrantServiceClient>(GRANT_CONTRACT, OPERATOR.anna),
      audit: hub.client<AuditServiceClient>(AUDIT_CONTRACT, OPERATOR.anna),
    };
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('refuses %s with INVALID_ARGUMENT on the field', async (_name, send, field) => {
    const error = await callError(send(clients));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.reason).toBe('INVALID_REQUEST');
    expect(error.fieldViolations.map((violation) => violation.field)).toEqual([field]);
    expect(error.fieldViolations[0].description).not.toBe('');
  });

  it('refuses a certificate of a party the registry does not know with UNAUTHENTICATED, and records the attempt', async () => {
    const error = await callError(clients.evidence('eu-reporting').requestEvidence(VALID_REQUEST));
    expect(error).toMatchObject({ code: status.UNAUTHENTICATED, reason: 'UNKNOWN_PARTY' });
    const access = await call(clients.audit.listSubjectAccess({ subject: VALID_REQUEST.subject, pageSize: 0, pageToken: '', purpose: '' }));
    expect(access.entries.map((entry) => [entry.action, entry.refusalReason, entry.party?.oin])).toContainEqual([
      'EVIDENCE_REQUEST_REFUSED',
      'UNKNOWN_PARTY',
      '00000001856789010000',
    ]);
  });

  describe('what the gRPC library refuses before any hub code runs', () => {
    function rawClient(): GrpcClient {
      const { certificates } = testInfrastructure();
      const party = certificates.parties.ind;
      return new GrpcClient(
        hub.process.grpcAddress,
        grpcCredentials.createSsl(
          readFileSync(certificates.caCertificatePath),
          readFileSync(party.privateKeyPath),
          readFileSync(party.certificatePath),
        ),
      );
    }

    function rawCall(body: Buffer): Promise<ServiceError> {
      const client = rawClient();
      return new Promise((resolve, reject) => {
        client.makeUnaryRequest(
          '/welkom.hub.v1.EvidenceService/RequestEvidence',
          (message: Buffer) => message,
          (message: Buffer) => message,
          body,
          (error) => {
            client.close();
            if (error) resolve(error);
            else reject(new Error('expected the call to fail'));
          },
        );
      });
    }

    it('answers bytes that are not a protobuf message with INTERNAL, the status grpc-js gives a request it cannot parse', async () => {
      const error = await rawCall(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
      expect(error.code).toBe(status.INTERNAL);
      expect(error.details).toMatch(/deserializing/);
    });

    it('refuses a message above the size limit with RESOURCE_EXHAUSTED', async () => {
      const error = await rawCall(Buffer.alloc(5 * 1024 * 1024, 0x20));
      expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
    });
  });

  it('is still up and serving after all of it', async () => {
    const health = hub.client<HealthClient>(HEALTH_CONTRACT, 'ind');
    expect((await call(health.check({ service: '' }))).status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    const pending = await call(clients.evidence('ind').requestEvidence(VALID_REQUEST));
    expect(pending.pending?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hub.process.output.join('')).not.toMatch(/Unexpected error in gRPC handler/);
  });
});
