import type { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { IsoDate } from '@welkom/platform';
import type { FilingRoute } from '../applications/application';
import { IndError } from '../ind.errors';
import { type FilingChannels, isSelfAppliedCategory } from './filing-channel.reference';

/**
 * Who may file this category (issue 11 leak 2, issue 15). A sponsored category needs a caller with a sponsor role,
 * as before; an applicant who applies himself reaches the IND through a filing channel of the reference data on
 * the day of receipt. Anyone else is refused before anything is read, so the refusal says nothing about what exists.
 */
export function filingRouteFor(
  category: PermitCategory,
  callerRoles: ReadonlySet<PartyRole>,
  on: IsoDate,
  channels: FilingChannels,
  sponsors: { isSponsorParty(roles: ReadonlySet<PartyRole>): boolean },
  callerOin: string,
): FilingRoute {
  if (isSelfAppliedCategory(category)) {
    if (channels.rolesFor(category, on).some((role) => callerRoles.has(role))) return 'APPLICANT_CHANNEL';
    throw new IndError('NOT_A_FILING_CHANNEL', `Party ${callerOin} is no filing channel for ${category} (${channels.version})`);
  }
  if (!sponsors.isSponsorParty(callerRoles)) {
    throw new IndError('NOT_A_SPONSOR', `Party ${callerOin} holds no sponsor role and may not file applications`);
  }
  return 'SPONSOR';
}
