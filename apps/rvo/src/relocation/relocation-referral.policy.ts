import type { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { WelcomeCentreReference } from '@welkom/reference-data';

/** An arrival after a grant (or an MVV issued), with what the referral may carry: pseudonymous facts only. */
export interface Arrival {
  readonly subjectPseudonym: string;
  readonly category: PermitCategory;
  readonly sponsorOin: string;
  readonly arrivalDate: string;
  /** The centre the application names for collecting the residence document, if any. */
  readonly namedCentreCode: string | undefined;
  readonly municipalityOfWork: string | undefined;
  readonly municipalityOfResidence: string | undefined;
}

export type ReferralBasis = 'NAMED_IN_APPLICATION' | 'MUNICIPALITY_OF_WORK' | 'MUNICIPALITY_OF_RESIDENCE';

export interface RelocationReferral {
  readonly centreCode: string;
  readonly centreName: string;
  readonly basis: ReferralBasis;
  readonly subjectPseudonym: string;
  readonly category: PermitCategory;
  readonly sponsorOin: string;
  readonly arrivalDate: string;
  readonly centreTableVersion: string;
}

/**
 * Which regional welcome centre an arrival is referred to (DOMAIN.md §2.7, seed 000's relocation tool): the centre
 * the application names, else the centre whose catchment holds the municipality of work, else of residence, as
 * the table stands on the arrival date. Undefined when no centre serves the arrival (no referral is made).
 */
export function referArrival(arrival: Arrival, centres: WelcomeCentreReference): RelocationReferral | undefined {
  const on = arrival.arrivalDate;
  const named = arrival.namedCentreCode === undefined ? undefined : centres.centre(arrival.namedCentreCode, on);
  const candidates: [ReferralBasis, ReturnType<WelcomeCentreReference['centre']>][] = [
    ['NAMED_IN_APPLICATION', named],
    ['MUNICIPALITY_OF_WORK', arrival.municipalityOfWork === undefined ? undefined : centres.centreServing(arrival.municipalityOfWork, on)],
    [
      'MUNICIPALITY_OF_RESIDENCE',
      arrival.municipalityOfResidence === undefined ? undefined : centres.centreServing(arrival.municipalityOfResidence, on),
    ],
  ];
  const found = candidates.find(([, centre]) => centre !== undefined);
  if (found === undefined || found[1] === undefined) return undefined;
  const [basis, centre] = found;
  return {
    centreCode: centre.code,
    centreName: centre.name,
    basis,
    subjectPseudonym: arrival.subjectPseudonym,
    category: arrival.category,
    sponsorOin: arrival.sponsorOin,
    arrivalDate: arrival.arrivalDate,
    centreTableVersion: centres.version,
  };
}
