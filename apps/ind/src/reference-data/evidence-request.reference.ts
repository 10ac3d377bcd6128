import { z } from 'zod';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { parseReferenceFile, referenceFileSchema, sourceSchema } from '@welkom/reference-data';
import evidenceRequestsJson from '../../reference/evidence-requests.v1.json';

export const EVIDENCE_REQUESTS_FILE = 'evidence-requests.v1.json';

/** The evidence types the IND's decision rules read. */
export const REQUESTED_EVIDENCE_TYPES = [
  EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
  EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS,
  EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT,
  EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD,
  EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED,
  EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT,
  EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
] as const;
export type RequestedEvidenceType = (typeof REQUESTED_EVIDENCE_TYPES)[number];

const requestSchema = z.object({ purpose: z.string().min(1).max(64), legalBasis: z.string().min(1).max(200), source: sourceSchema });

const evidenceRequestsSchema = referenceFileSchema({
  // Enum-keyed records are exhaustive in zod 4: every type the rules read has a purpose and legal basis.
  requests: z.record(z.enum(REQUESTED_EVIDENCE_TYPES), requestSchema),
});

export type EvidenceRequestReference = z.infer<typeof evidenceRequestsSchema>;
export type EvidenceRequestPurpose = z.infer<typeof requestSchema>;

export function parseEvidenceRequestReference(json: unknown): EvidenceRequestReference {
  return parseReferenceFile(evidenceRequestsSchema, json, EVIDENCE_REQUESTS_FILE);
}

export function bundledEvidenceRequestReference(): EvidenceRequestReference {
  return parseEvidenceRequestReference(evidenceRequestsJson);
}
