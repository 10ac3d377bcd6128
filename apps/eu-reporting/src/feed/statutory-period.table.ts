import type { EpochDay } from '@welkom/platform';
import type { StatutoryPeriodVersion } from './feed-reference';
import { categoryCodeOf, PERMIT_CATEGORIES, SPONSOR_TYPES, sponsorTypeCodeOf } from './permit-category';

interface ResolvedVersion {
  readonly from: number;
  readonly to: number;
  /** days[category * SPONSOR_TYPES.length + sponsorType] */
  readonly days: Uint16Array;
}

/**
 * The statutory decision period of an application, from reference data: the version in force on the day
 * the application was received, then the most specific rule (category and sponsor type, else category,
 * else the default). Resolved into a flat array once, because it is asked once per decision.
 */
export class StatutoryPeriodTable {
  private readonly versions: readonly ResolvedVersion[];

  constructor(versions: readonly StatutoryPeriodVersion[]) {
    this.versions = versions.map((version) => {
      const days = new Uint16Array(PERMIT_CATEGORIES.length * SPONSOR_TYPES.length).fill(version.defaultDays);
      const specificFirst = [...version.rules].sort(
        (a, b) => Number(a.sponsorType !== undefined) - Number(b.sponsorType !== undefined),
      );
      for (const rule of specificFirst) {
        const category = categoryCodeOf(rule.category) ?? 0;
        const sponsorTypes =
          rule.sponsorType === undefined ? SPONSOR_TYPES.map((_, i) => i) : [sponsorTypeCodeOf(rule.sponsorType) ?? 0];
        for (const sponsorType of sponsorTypes) days[category * SPONSOR_TYPES.length + sponsorType] = rule.days;
      }
      return {
        from: version.validFrom ?? Number.NEGATIVE_INFINITY,
        to: version.validTo ?? Number.POSITIVE_INFINITY,
        days,
      };
    });
  }

  /** Days the IND has for this application; the loader guarantees exactly one version covers every day. */
  daysFor(category: number, sponsorType: number, submittedDay: EpochDay): number {
    for (const version of this.versions) {
      if (submittedDay >= version.from && submittedDay <= version.to) {
        return version.days[category * SPONSOR_TYPES.length + sponsorType];
      }
    }
    throw new RangeError(`no statutory decision period covers day ${submittedDay}`);
  }
}
