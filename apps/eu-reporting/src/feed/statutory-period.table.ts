import { PermitCategory as ContractPermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { checkIsoDate, type EpochDay } from '@welkom/platform';
import { statutoryPeriodIn, type DecisionPeriodReference } from '@welkom/reference-data';
import { PERMIT_CATEGORIES, SPONSOR_TYPES, type SponsorType } from './permit-category';

interface ResolvedVersion {
  readonly from: number;
  readonly to: number;
  /** days[category * SPONSOR_TYPES.length + sponsorType] */
  readonly days: Uint16Array;
}

/** The IND's rules ask "filed by a recognised sponsor?"; a sponsor type the source did not record is not known. */
const SPONSOR_RECOGNISED: Readonly<Record<SponsorType, boolean | undefined>> = {
  UNKNOWN: undefined,
  RECOGNISED_SPONSOR: true,
  NON_RECOGNISED_SPONSOR: false,
  NO_SPONSOR: false,
};

function epochDayOf(isoDate: string): EpochDay {
  const day = checkIsoDate(isoDate);
  // The shared table's schema admits only real ISO dates, so this cannot happen with a loaded table.
  if (typeof day !== 'number') throw new RangeError(`not an ISO date: ${isoDate}`);
  return day;
}

/**
 * The statutory decision period of an application, from the IND's own table (libs/reference-data): the
 * version in force on the day the application was received, then the same rule lookup the IND uses. Resolved
 * into a flat array once, because it is asked once per decision.
 */
export class StatutoryPeriodTable {
  private readonly versions: readonly ResolvedVersion[];

  constructor(reference: DecisionPeriodReference) {
    this.versions = reference.versions.map((version) => {
      const days = new Uint16Array(PERMIT_CATEGORIES.length * SPONSOR_TYPES.length);
      PERMIT_CATEGORIES.forEach((category, c) => {
        SPONSOR_TYPES.forEach((sponsorType, s) => {
          const contractCategory = ContractPermitCategory[`PERMIT_CATEGORY_${category}`];
          days[c * SPONSOR_TYPES.length + s] = statutoryPeriodIn(version, contractCategory, SPONSOR_RECOGNISED[sponsorType]).days;
        });
      });
      return {
        from: epochDayOf(version.validFrom),
        to: version.validTo === null ? Number.POSITIVE_INFINITY : epochDayOf(version.validTo),
        days,
      };
    });
  }

  /**
   * Days the IND has for this application, or undefined when the table has no version for the day it was
   * received (before the first version: those periods have not been researched, so none is assumed).
   */
  daysFor(category: number, sponsorType: number, submittedDay: EpochDay): number | undefined {
    for (const version of this.versions) {
      if (submittedDay >= version.from && submittedDay <= version.to) {
        return version.days[category * SPONSOR_TYPES.length + sponsorType];
      }
    }
    return undefined;
  }
}
