import { Inject, Injectable } from '@nestjs/common';
import { ClockRepository } from '@welkom/platform';
import { bundledDecisionPeriodReference } from '@welkom/reference-data';
import { RvoError } from '../rvo.errors';
import type { GuidanceCommand } from './guidance.command';
import { guidanceFor, type Guidance } from './guidance.policy';
import { GUIDANCE_REFERENCE, type GuidanceReference } from './guidance.reference';
import { VerifiedEvidenceRepository } from './verified-evidence.repository';

export interface GuidanceAnswer extends Guidance {
  readonly on: string;
}

/** Guidance for today (Dutch calendar day), marked with the evidence the hub holds about the person, if named. */
@Injectable()
export class GuidanceService {
  private readonly periods = bundledDecisionPeriodReference();

  constructor(
    private readonly verified: VerifiedEvidenceRepository,
    private readonly clock: ClockRepository,
    @Inject(GUIDANCE_REFERENCE) private readonly reference: GuidanceReference,
  ) {}

  async guidance(command: GuidanceCommand): Promise<GuidanceAnswer> {
    const on = this.clock.today();
    const verifiedEvidence =
      command.subjectPseudonym === undefined
        ? new Set<string>()
        : await this.verified.typesValidFor(command.subjectPseudonym, this.clock.now());
    const guidance = guidanceFor({ ...command, on, verifiedEvidence }, this.reference, this.periods);
    if (guidance === 'CATEGORY_NOT_COVERED') {
      throw new RvoError('INVALID_REQUEST', 'No guidance for this category yet', {
        fieldViolations: [{ field: 'category', description: `must be one of ${this.reference.supportedCategories().join(', ')}` }],
      });
    }
    if (guidance === 'NO_RULES_ON_DATE') throw new RvoError('RULES_NOT_IN_FORCE', `No guidance rules are in force on ${on}`);
    return { ...guidance, on };
  }
}
