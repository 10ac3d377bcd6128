import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { EvidencePayload } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { Timestamp } from '@welkom/contracts/generated/google/protobuf/timestamp';
import type { EvidenceItem } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import type { FieldViolation } from '@welkom/errors';
import { checkRequest, fieldRule, invalid, raw, referenceId, refineRequest } from '@welkom/validation';
import { z } from 'zod';
import { UniversityError } from '../university.errors';

/** Same rule as the hub's source_reference, so a reference the connector accepts is one the hub accepts. */
const MAX_ITEM_REFERENCE_CHARS = 128;
export const MAX_BATCH_ITEMS = 1000;

/** One item, checked as far as the connector can; the hub checks the rest (catalogue, dates, identifier). */
export type PushItemCommand =
  | {
      readonly valid: true;
      readonly itemReference: string;
      readonly evidenceType: EvidenceType;
      readonly subject: SubjectIdentifier;
      readonly payload: EvidencePayload;
      readonly issuedAt: Timestamp | undefined;
      readonly validUntil: Timestamp | undefined;
    }
  | { readonly valid: false; readonly itemReference: string; readonly violations: FieldViolation[] };

const present = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

const itemSchema = refineRequest(
  z.object({
    itemReference: referenceId(MAX_ITEM_REFERENCE_CHARS),
    subject: fieldRule((value) => (present(value) ? (value as SubjectIdentifier) : invalid('is required'))),
    enrolmentProof: raw<EvidenceItem['enrolmentProof'] | null>(),
    tuitionPaymentStatus: raw<EvidenceItem['tuitionPaymentStatus'] | null>(),
    hostingAgreement: raw<EvidenceItem['hostingAgreement'] | null>(),
    degreeAwarded: raw<EvidenceItem['degreeAwarded'] | null>(),
    issuedAt: raw<Timestamp | null>(),
    validUntil: raw<Timestamp | null>(),
  }),
  (item, report) => {
    const facts = [item.enrolmentProof, item.tuitionPaymentStatus, item.hostingAgreement, item.degreeAwarded].filter(present);
    if (facts.length !== 1)
      report(['fact'], 'must hold exactly one of enrolment_proof, tuition_payment_status, hosting_agreement, degree_awarded');
  },
);

function factOf(item: z.output<typeof itemSchema>): [EvidenceType, EvidencePayload] {
  if (present(item.enrolmentProof)) return [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, { enrolmentProof: item.enrolmentProof }];
  if (present(item.tuitionPaymentStatus)) {
    return [EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS, { tuitionPaymentStatus: item.tuitionPaymentStatus }];
  }
  if (present(item.degreeAwarded)) return [EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED, { degreeAwarded: item.degreeAwarded }];
  return [EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT, { researcherHostingAgreement: item.hostingAgreement ?? undefined }];
}

export function pushItemCommand(item: EvidenceItem | null | undefined): PushItemCommand {
  const itemReference = typeof item?.itemReference === 'string' ? item.itemReference : '';
  const checked = checkRequest(itemSchema, item);
  if (!checked.ok) return { valid: false, itemReference, violations: checked.violations };
  const [evidenceType, payload] = factOf(checked.value);
  return {
    valid: true,
    itemReference,
    evidenceType,
    subject: checked.value.subject,
    payload,
    issuedAt: checked.value.issuedAt ?? undefined,
    validUntil: checked.value.validUntil ?? undefined,
  };
}

export function pushBatchCommand(items: readonly (EvidenceItem | null | undefined)[] | null | undefined): PushItemCommand[] {
  const list = items ?? [];
  if (list.length === 0) throw UniversityError.invalid([{ field: 'items', description: 'must hold at least one item' }]);
  if (list.length > MAX_BATCH_ITEMS)
    throw UniversityError.invalid([{ field: 'items', description: `must hold at most ${MAX_BATCH_ITEMS} items` }]);
  return list.map(pushItemCommand);
}
