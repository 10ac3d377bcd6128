import { Inject, Injectable } from '@nestjs/common';
import { ClockRepository } from '@welkom/platform';
import { RvoError } from '../rvo.errors';
import { POINT_PARTS, SELF_EMPLOYED_POINTS_RULES, type SelfEmployedPointsRules } from './self-employed-points.reference';
import type { ScoreSelfEmployedCommand } from './self-employed-score.command';
import type { SelfEmployedScoreRecord } from './self-employed-score';
import { scoreSelfEmployed } from './self-employed-score.policy';
import { SelfEmployedScoreRepository } from './self-employed-score.repository';

const FIELD_OF_PART = {
  PERSONAL_EXPERIENCE: 'personal_experience_points',
  BUSINESS_PLAN: 'business_plan_points',
  ADDED_VALUE: 'added_value_points',
} as const;

export interface SelfEmployedScoreResult {
  readonly score: SelfEmployedScoreRecord;
  readonly alreadyScored: boolean;
}

/** RVO's points score on a self-employed application, as advice to the IND (DOMAIN.md §1.8); one score per reference. */
@Injectable()
export class SelfEmployedScoreService {
  constructor(
    private readonly scores: SelfEmployedScoreRepository,
    private readonly clock: ClockRepository,
    @Inject(SELF_EMPLOYED_POINTS_RULES) private readonly rules: SelfEmployedPointsRules,
  ) {}

  async score(command: ScoreSelfEmployedCommand): Promise<SelfEmployedScoreResult> {
    const stored = await this.scores.find(command.adviceReference);
    if (stored !== undefined) return { score: stored, alreadyScored: true };

    const version = this.rules.on(command.facts.scoredOn);
    if (version === undefined)
      throw new RvoError('RULES_NOT_IN_FORCE', `no self-employed points rules are in force on ${command.facts.scoredOn}`);
    const tooHigh = POINT_PARTS.filter((part) => command.facts.points[part] > version.parts[part]);
    if (tooHigh.length > 0) {
      throw new RvoError('INVALID_REQUEST', 'Points above a part’s maximum', {
        fieldViolations: tooHigh.map((part) => ({ field: FIELD_OF_PART[part], description: `must be at most ${version.parts[part]}` })),
      });
    }
    const advice = scoreSelfEmployed(command.facts, this.rules);
    const base = {
      adviceReference: command.adviceReference,
      ruleVersion: advice.ruleVersion,
      scoredOn: command.facts.scoredOn,
      recordedAt: this.clock.now(),
    };
    const record: SelfEmployedScoreRecord =
      advice.outcome === 'EXEMPT'
        ? { ...base, outcome: 'EXEMPT', variant: null, exemptionRoute: advice.route, points: null, total: null, findings: [] }
        : {
            ...base,
            outcome: advice.outcome,
            variant: advice.variant,
            exemptionRoute: null,
            points: advice.points,
            total: advice.total,
            findings: advice.findings.map((finding) =>
              finding.code === 'PART_BELOW_MINIMUM' ? `${finding.code}:${finding.part}` : finding.code,
            ),
          };
    const kept = await this.scores.recordOnce(record);
    return { score: kept, alreadyScored: kept.recordedAt.getTime() !== record.recordedAt.getTime() };
  }
}
