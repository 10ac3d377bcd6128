import type { Grant } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import { relationToMessage } from '../relations/subject-relation';
import { toOptionalTimestamp, toTimestamp } from '@welkom/platform';
import type { GrantRecord } from './grant';

export function toGrantMessage(grant: GrantRecord): Grant {
  return {
    grantId: grant.id,
    ...(grant.requesterOin !== null ? { requesterOin: grant.requesterOin } : { requesterRole: grant.requesterRole ?? undefined }),
    requesterSubUnit: grant.requesterSubUnit,
    evidenceType: grant.evidenceType,
    purpose: grant.purpose,
    legalBasis: grant.legalBasis,
    allowedFields: [...grant.allowedFields],
    validFrom: toTimestamp(grant.validFrom),
    validTo: toTimestamp(grant.validTo),
    requiresExplicitRequest: grant.requiresExplicitRequest,
    createdAt: toTimestamp(grant.createdAt),
    endedAt: toOptionalTimestamp(grant.endedAt),
    endReason: grant.endReason ?? '',
    requiredRelation: relationToMessage(grant.requiredRelation),
    proposedBy: grant.proposedBy ?? '',
    approvedAt: toOptionalTimestamp(grant.approvedAt),
    approvedBy: grant.approvedBy ?? '',
  };
}
