import {
  ApplicationStatus,
  type ApplicationStatusChanged,
  PermitCategory,
  SponsorType,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { SponsorType as FeedSponsorType } from '../feed/permit-category';
import { APPLICATION_STATUSES, type ApplicationStatusName, type StatusChange } from './status-change';

const STATUS_PREFIX = 'APPLICATION_STATUS_';
const CATEGORY_PREFIX = 'PERMIT_CATEGORY_';

/** The contract's sponsor types in the feed's words; unspecified is "not recorded", the feed's UNKNOWN. */
const SPONSOR_TYPE_OF: Readonly<Record<SponsorType, FeedSponsorType | ''>> = {
  [SponsorType.SPONSOR_TYPE_UNSPECIFIED]: '',
  [SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR]: 'RECOGNISED_SPONSOR',
  [SponsorType.SPONSOR_TYPE_OTHER_SPONSOR]: 'NON_RECOGNISED_SPONSOR',
  [SponsorType.SPONSOR_TYPE_NONE]: 'NO_SPONSOR',
};

const CONTRACT_SPONSOR_TYPE_OF: Readonly<Record<FeedSponsorType, SponsorType>> = {
  UNKNOWN: SponsorType.SPONSOR_TYPE_UNSPECIFIED,
  RECOGNISED_SPONSOR: SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR,
  NON_RECOGNISED_SPONSOR: SponsorType.SPONSOR_TYPE_OTHER_SPONSOR,
  NO_SPONSOR: SponsorType.SPONSOR_TYPE_NONE,
};

function statusNameOf(status: ApplicationStatus): ApplicationStatusName | '' {
  const name = status.startsWith(STATUS_PREFIX) ? status.slice(STATUS_PREFIX.length) : '';
  return (APPLICATION_STATUSES as readonly string[]).includes(name) ? (name as ApplicationStatusName) : '';
}

/**
 * A status event as the feed reads it. The contract's permit categories are the feed's own names with a
 * prefix (PERMIT_CATEGORY_STUDENT → STUDENT); unspecified values become empty strings, which the merge
 * fills from what is known and the validator reports when nothing is.
 */
export function statusChangeOf(event: ApplicationStatusChanged): StatusChange {
  return {
    applicationId: event.applicationRef,
    status: statusNameOf(event.status),
    category: event.category === PermitCategory.PERMIT_CATEGORY_UNSPECIFIED ? '' : event.category.slice(CATEGORY_PREFIX.length),
    citizenship: event.citizenship,
    sponsorType: SPONSOR_TYPE_OF[event.sponsorType] ?? '',
    submittedOn: event.submittedOn,
    decidedOn: event.decidedOn,
  };
}

/** The contract's enum values of the feed's names, for the history import that publishes status events. */
export function contractCategoryOf(category: string): PermitCategory {
  return `${CATEGORY_PREFIX}${category}` as PermitCategory;
}

export function contractStatusOf(status: ApplicationStatusName): ApplicationStatus {
  return `${STATUS_PREFIX}${status}` as ApplicationStatus;
}

export function contractSponsorTypeOf(sponsorType: FeedSponsorType): SponsorType {
  return CONTRACT_SPONSOR_TYPE_OF[sponsorType];
}
