import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { EvidencePayload } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { Timestamp } from '@welkom/contracts/generated/google/protobuf/timestamp';
import type { EvidenceItem } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import type { FieldViolation } from '@welkom/errors';
import { UniversityError } from '../university.errors';

/** Same rule as the hub's source_reference, so a reference the connector accepts is one the hub accepts. */
const ITEM_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
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

export function pushItemCommand(item: EvidenceItem | null | undefined): PushItemCommand {
  const itemReference = typeof item?.itemReference === 'string' ? item.itemReference : '';
  const violations: FieldViolation[] = [];
  if (!ITEM_REFERENCE.test(itemReference)) {
    violations.push({ field: 'item_reference', description: 'must be 1-128 letters, digits or . _ : / - (starting with a letter or digit)' });
  }
  if (!present(item?.subject)) violations.push({ field: 'subject', description: 'is required' });
  const facts = [
    present(item?.enrolmentProof) ? ([EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF, { enrolmentProof: item.enrolmentProof }] as const) : undefined,
    present(item?.tuitionPaymentStatus)
      ? ([EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS, { tuitionPaymentStatus: item.tuitionPaymentStatus }] as const)
      : undefined,
    present(item?.hostingAgreement)
      ? ([EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT, { researcherHostingAgreement: item.hostingAgreement }] as const)
      : undefined,
  ].filter(present);
  if (facts.length !== 1) violations.push({ field: 'fact', description: 'must hold exactly one of enrolment_proof, tuition_payment_status, hosting_agreement' });
  if (violations.length > 0 || !item?.subject) return { valid: false, itemReference, violations };
  const [evidenceType, payload] = facts[0];
  return {
    valid: true,
    itemReference,
    evidenceType,
    subject: item.subject,
    payload,
    issuedAt: item.issuedAt ?? undefined,
    validUntil: item.validUntil ?? undefined,
  };
}

export function pushBatchCommand(items: readonly (EvidenceItem | null | undefined)[] | null | undefined): PushItemCommand[] {
  const list = items ?? [];
  if (list.length === 0) throw UniversityError.invalid([{ field: 'items', description: 'must hold at least one item' }]);
  if (list.length > MAX_BATCH_ITEMS) throw UniversityError.invalid([{ field: 'items', description: `must hold at most ${MAX_BATCH_ITEMS} items` }]);
  return list.map(pushItemCommand);
}
