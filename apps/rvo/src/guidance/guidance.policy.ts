import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { type DecisionPeriodReference, decisionPeriodVersionOn, statutoryPeriodIn } from '@welkom/reference-data';
import type { GuidanceReference, MvvExemptSituation } from './guidance.reference';

export interface GuidanceQuestion {
  readonly category: PermitCategory;
  /** ISO 3166-1 alpha-2. */
  readonly nationality: string;
  readonly situations: readonly MvvExemptSituation[];
  /** The day the guidance is for (the rules in force then). */
  readonly on: string;
  /** Evidence types (catalogue names) the hub already holds, valid, about this person. */
  readonly verifiedEvidence: ReadonlySet<string>;
}

export type GuidanceStep =
  | { readonly kind: 'MVV'; readonly required: boolean; readonly why: string; readonly deadlines: readonly string[] }
  | { readonly kind: 'TWV'; readonly required: boolean; readonly why: string }
  | {
      readonly kind: 'EVIDENCE';
      readonly evidenceType: string;
      readonly issuer: string;
      /** The hub holds it: "already verified — you will not be asked". */
      readonly alreadyVerified: boolean;
      readonly preview: { readonly sharedWith: string; readonly purpose: string; readonly fields: readonly string[]; readonly why: string };
    }
  | { readonly kind: 'DECISION'; readonly statutoryDays: number; readonly why: string };

export interface Guidance {
  readonly steps: readonly GuidanceStep[];
  readonly guidanceVersion: string;
  readonly decisionPeriodVersion: string;
}

export type GuidanceRefusal = 'CATEGORY_NOT_COVERED' | 'NO_RULES_ON_DATE';

/**
 * The steps a newcomer faces for a category, nationality and situation (DOMAIN.md §2.2, §2.4, §2.6): MVV or not
 * (nationality first, then any exempting situation), TWV or not, the evidence the IND relies on, each marked
 * when the hub already holds it, with a preview of who receives it and why; and the IND's decision period.
 */
export function guidanceFor(
  question: GuidanceQuestion,
  reference: GuidanceReference,
  periods: DecisionPeriodReference,
): Guidance | GuidanceRefusal {
  const category = reference.category(question.category);
  if (category === undefined) return 'CATEGORY_NOT_COVERED';
  const exemptNationalities = reference.mvvExemptNationalitiesOn(question.on);
  const periodVersion = decisionPeriodVersionOn(periods, question.on);
  if (exemptNationalities === undefined || periodVersion === undefined) return 'NO_RULES_ON_DATE';

  const exemptSituation = question.situations[0];
  const nationalityExempt = exemptNationalities.includes(question.nationality);
  const { mvvDeadlines } = reference;
  const mvv: GuidanceStep = nationalityExempt
    ? { kind: 'MVV', required: false, why: `Nationals of ${question.nationality} need no MVV.`, deadlines: [] }
    : exemptSituation !== undefined
      ? { kind: 'MVV', required: false, why: reference.mvvExemptSituations[exemptSituation], deadlines: [] }
      : {
          kind: 'MVV',
          required: true,
          why: `Nationals of ${question.nationality} need an MVV (entry visa); it is applied for together with the residence permit.`,
          deadlines: [
            `Collect the MVV at the post within ${mvvDeadlines.collectWithinMonthsOfNotification} months of the IND's notification.`,
            `Enter the Netherlands within ${mvvDeadlines.enterWithinDaysOfIssue} days of the MVV's issue.`,
          ],
        };
  const period = statutoryPeriodIn(periodVersion, question.category, undefined);
  return {
    steps: [
      mvv,
      { kind: 'TWV', required: category.twvRequired, why: category.twvSource },
      ...category.evidence.map((rule): GuidanceStep => ({
        kind: 'EVIDENCE',
        evidenceType: rule.type,
        issuer: rule.issuer,
        alreadyVerified: question.verifiedEvidence.has(rule.type),
        preview: { sharedWith: rule.sharedWith, purpose: rule.purpose, fields: rule.fields, why: rule.why },
      })),
      { kind: 'DECISION', statutoryDays: period.days, why: period.source },
    ],
    guidanceVersion: reference.version,
    decisionPeriodVersion: periods.version,
  };
}
