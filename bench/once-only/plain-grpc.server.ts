import { readFileSync } from 'node:fs';
import { loadPackageDefinition, Server, ServerCredentials, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { EVIDENCE_EXCHANGE_CONTRACT, protoFilePath } from '@welkom/contracts';
import type { RequestEvidenceResponse } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { PROTO_LOADER_OPTIONS } from '@welkom/grpc';

/**
 * The ceiling the hub is measured against: a bare grpc-js server for the same EvidenceService contract, with
 * the same proto-loader options, the same mTLS and a response of the same shape, doing no work at all (no
 * NestJS, no validation, no database). Run as its own process, as the hub is. Prints `plain-grpc ready <port>`.
 */
const [caFile, certFile, keyFile] = process.argv.slice(2);
const definition = loadSync(protoFilePath(EVIDENCE_EXCHANGE_CONTRACT), PROTO_LOADER_OPTIONS);
const grpcObject = loadPackageDefinition(definition) as unknown as {
  welkom: { hub: { v1: { EvidenceService: { service: Parameters<Server['addService']>[0] } } } };
};

const RESPONSE: RequestEvidenceResponse = {
  evidence: {
    reference: {
      evidenceId: '6a1f0c2e-0001-4000-8000-0000000000aa',
      evidenceType: 'EVIDENCE_TYPE_ENROLMENT_PROOF' as never,
      contentSha256: '',
      schemaVersion: 1,
      contentCommitment: 'a'.repeat(64),
    },
    subject: { pseudonym: `subj_${'a'.repeat(52)}` },
    issuer: { oin: '00000003281234560000', subUnit: '' },
    issuedAt: { seconds: '1767225600', nanos: 0 },
    verifiedAt: { seconds: '1767225600', nanos: 0 },
    validUntil: { seconds: '1798761600', nanos: 0 },
    payload: {
      enrolmentProof: {
        institutionName: 'Universiteit Leiden',
        institutionBrin: '',
        programmeName: 'MSc Computer Science',
        programmeCode: '',
        studyLevel: 'STUDY_LEVEL_MASTER' as never,
        enrolmentStatus: 'ENROLMENT_STATUS_ENROLLED' as never,
        academicYear: '2026-2027',
        startDate: '2026-09-01',
        expectedEndDate: '2028-08-31',
        fullTime: true,
      },
    },
    disclosedFields: [
      'institution_name',
      'programme_name',
      'study_level',
      'enrolment_status',
      'academic_year',
      'start_date',
      'expected_end_date',
      'full_time',
    ],
    auditSequence: '1',
    disclosedViewSha256: 'b'.repeat(64),
  },
};

const server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
const notImplemented = (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) =>
  callback({ code: 12, details: 'not in the bench' });
server.addService(grpcObject.welkom.hub.v1.EvidenceService.service, {
  requestEvidence: (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<RequestEvidenceResponse>) => callback(null, RESPONSE),
  issueEvidence: notImplemented,
  revokeEvidence: notImplemented,
  getEvidenceRequest: notImplemented,
  listOpenEvidenceRequests: notImplemented,
});
const credentials = ServerCredentials.createSsl(
  readFileSync(caFile),
  [{ cert_chain: readFileSync(certFile), private_key: readFileSync(keyFile) }],
  true,
);
server.bindAsync('127.0.0.1:0', credentials, (error, port) => {
  if (error) throw error;
  console.log(`plain-grpc ready ${port}`);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
