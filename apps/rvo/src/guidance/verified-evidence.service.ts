import { Injectable } from '@nestjs/common';
import type { EvidenceRevoked, EvidenceVerified } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_events';
import { fromTimestamp } from '@welkom/platform';
import { VerifiedEvidenceRepository } from './verified-evidence.repository';

const TYPE_PREFIX = 'EVIDENCE_TYPE_';

/**
 * Keeps which evidence the hub verified about whom, by pseudonym and type only (never the content): what the
 * guidance needs to say "already verified — you will not be asked".
 */
@Injectable()
export class VerifiedEvidenceService {
  constructor(private readonly verified: VerifiedEvidenceRepository) {}

  async verifiedEvent(event: EvidenceVerified): Promise<void> {
    const evidenceId = event.evidence?.evidenceId;
    const pseudonym = event.subject?.pseudonym;
    const type = event.evidence?.evidenceType;
    if (!evidenceId || !pseudonym || !type) return;
    const validUntil = fromTimestamp(event.validUntil);
    await this.verified.upsert({
      evidenceId,
      subjectPseudonym: pseudonym,
      evidenceType: type.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : type,
      validUntil: validUntil instanceof Date ? validUntil : null,
    });
  }

  async revokedEvent(event: EvidenceRevoked): Promise<void> {
    const evidenceId = event.evidence?.evidenceId;
    if (evidenceId) await this.verified.remove(evidenceId);
  }
}
