import { POINT_PARTS, type ExemptionRoute, type PointPart, type SelfEmployedPointsRules } from './self-employed-points.reference';

export interface SelfEmployedFacts {
  readonly scoredOn: string;
  /** ISO 3166-1 alpha-2 nationality. */
  readonly nationality: string;
  /** Holds EU long-term resident status in another member state. */
  readonly euLongTermResidentElsewhere: boolean;
  readonly highlyEducated: boolean;
  /** Months of a start-up trajectory completed with a positive facilitator statement; 0 when none. */
  readonly completedStartUpTrajectoryMonths: number;
  /** The assessor's points per part, before any floor from a completed start-up trajectory. */
  readonly points: Readonly<Record<PointPart, number>>;
}

export type SelfEmployedFinding =
  | { readonly code: 'TOTAL_BELOW_MINIMUM'; readonly total: number; readonly minimum: number }
  | { readonly code: 'PART_BELOW_MINIMUM'; readonly part: PointPart; readonly points: number; readonly minimum: number };

export type SelfEmployedAdvice =
  | { readonly outcome: 'EXEMPT'; readonly route: ExemptionRoute; readonly ruleVersion: string }
  | {
      readonly outcome: 'POSITIVE' | 'NEGATIVE';
      readonly variant: 'STANDARD' | 'HIGHLY_EDUCATED';
      readonly points: Readonly<Record<PointPart, number>>;
      readonly total: number;
      readonly findings: readonly SelfEmployedFinding[];
      readonly ruleVersion: string;
    };

export class PointsRulesNotInForceError extends RangeError {
  constructor(readonly on: string) {
    super(`no self-employed points rules are in force on ${on}`);
  }
}

/**
 * RVO's score on a self-employed application, as advice to the IND (DOMAIN.md §1.8). Exempt routes are not scored;
 * otherwise the standard thresholds (total and per part) apply, and a highly-educated applicant who reaches the
 * variant's part minimums passes on those alone. Points above a part's maximum are an input error.
 */
export function scoreSelfEmployed(facts: SelfEmployedFacts, rules: SelfEmployedPointsRules): SelfEmployedAdvice {
  const version = rules.on(facts.scoredOn);
  if (version === undefined) throw new PointsRulesNotInForceError(facts.scoredOn);
  const ruleVersion = rules.version;

  const exemption = version.exemptions.find((candidate) =>
    candidate.route === 'EU_LONG_TERM_RESIDENT' ? facts.euLongTermResidentElsewhere : candidate.nationalities.includes(facts.nationality),
  );
  if (exemption !== undefined) return { outcome: 'EXEMPT', route: exemption.route, ruleVersion };

  for (const part of POINT_PARTS) {
    const given = facts.points[part];
    if (!Number.isInteger(given) || given < 0 || given > version.parts[part]) {
      throw new RangeError(`${part}: ${given} points is outside 0…${version.parts[part]}`);
    }
  }
  const trajectoryFloor = facts.completedStartUpTrajectoryMonths >= version.completedStartUpTrajectory.minMonths ? version.minPerPart : 0;
  const points = Object.fromEntries(POINT_PARTS.map((part) => [part, Math.max(facts.points[part], trajectoryFloor)])) as Record<
    PointPart,
    number
  >;
  const total = POINT_PARTS.reduce((sum, part) => sum + points[part], 0);

  const standardFindings: SelfEmployedFinding[] = [
    ...(total < version.minTotal ? [{ code: 'TOTAL_BELOW_MINIMUM', total, minimum: version.minTotal } as const] : []),
    ...POINT_PARTS.filter((part) => points[part] < version.minPerPart).map(
      (part) => ({ code: 'PART_BELOW_MINIMUM', part, points: points[part], minimum: version.minPerPart }) as const,
    ),
  ];
  if (standardFindings.length === 0) return { outcome: 'POSITIVE', variant: 'STANDARD', points, total, findings: [], ruleVersion };
  if (facts.highlyEducated) {
    const variantFindings: SelfEmployedFinding[] = POINT_PARTS.flatMap((part) => {
      const minimum = version.highlyEducated.minPerPart[part];
      return minimum !== undefined && points[part] < minimum
        ? [{ code: 'PART_BELOW_MINIMUM', part, points: points[part], minimum } as const]
        : [];
    });
    return {
      outcome: variantFindings.length === 0 ? 'POSITIVE' : 'NEGATIVE',
      variant: 'HIGHLY_EDUCATED',
      points,
      total,
      findings: variantFindings,
      ruleVersion,
    };
  }
  return { outcome: 'NEGATIVE', variant: 'STANDARD', points, total, findings: standardFindings, ruleVersion };
}
