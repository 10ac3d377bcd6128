import { Inject, Injectable } from '@nestjs/common';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { ClockRepository, toTimestamp } from '@welkom/platform';
import { HubEvidenceRepository } from '../hub-connection/hub-evidence.repository';
import { RvoError } from '../rvo.errors';
import { toPointsAssessment } from './self-employed-evidence.mapper';
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

/**
 * RVO's points score on a self-employed application, as advice to the IND (DOMAIN.md §1.8); one score per reference.
 * The score goes to the hub as SELF_EMPLOYED_POINTS_ASSESSMENT evidence about the applicant before RVO records it, as
 * a start-up advice does: a retry after an unreachable hub issues the same evidence again, which the hub answers
 * with what it stored.
 */
@Injectable()
export class SelfEmployedScoreService {
  constructor(
    private readonly scores: SelfEmployedScoreRepository,
    private readonly hub: HubEvidenceRepository,
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
      issued: null,
    };
    const scored: SelfEmployedScoreRecord =
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
    const record: SelfEmployedScoreRecord = { ...scored, issued: await this.issue(command, scored) };
    const kept = await this.scores.recordOnce(record);
    return { score: kept, alreadyScored: kept.recordedAt.getTime() !== record.recordedAt.getTime() };
  }

  private async issue(command: ScoreSelfEmployedCommand, score: SelfEmployedScoreRecord): Promise<SelfEmployedScoreRecord['issued']> {
    const { reference, subject } = await this.hub.issue(
      {
        subject: command.applicant,
        evidenceType: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
        payload: { selfEmployedPointsAssessment: toPointsAssessment(score) },
        issuedAt: toTimestamp(score.recordedAt),
        validUntil: undefined,
        sourceReference: command.adviceReference,
        subUnit: '',
      },
      'the score',
    );
    return {
      applicantPseudonym: subject.pseudonym,
      evidenceId: reference.evidenceId,
      contentSha256: reference.contentSha256,
      schemaVersion: reference.schemaVersion,
    };
  }
}
