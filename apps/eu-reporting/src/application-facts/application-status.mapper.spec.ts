import {
  ApplicationStatus,
  type ApplicationStatusChanged,
  PermitCategory,
  SponsorType,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { PERMIT_CATEGORIES, SPONSOR_TYPES } from '../feed/permit-category';
import { contractCategoryOf, contractSponsorTypeOf, contractStatusOf, statusChangeOf } from './application-status.mapper';
import { APPLICATION_STATUSES } from './status-change';

const event: ApplicationStatusChanged = {
  applicationRef: 'IND-2022-0001',
  subject: undefined,
  category: PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD,
  status: ApplicationStatus.APPLICATION_STATUS_REFUSED,
  citizenship: 'TR',
  sponsorType: SponsorType.SPONSOR_TYPE_OTHER_SPONSOR,
  sponsor: undefined,
  submittedOn: '2022-01-10',
  decidedOn: '2022-02-01',
  reasonCode: 'SALARY_BELOW_THRESHOLD',
  occurredAt: undefined,
  collectionPoint: '',
  arrival: undefined,
};

describe('reading status events in the feed’s words', () => {
  it('maps every field the feed needs', () => {
    expect(statusChangeOf(event)).toEqual({
      applicationId: 'IND-2022-0001',
      status: 'REFUSED',
      category: 'EU_BLUE_CARD',
      citizenship: 'TR',
      sponsorType: 'NON_RECOGNISED_SPONSOR',
      submittedOn: '2022-01-10',
      decidedOn: '2022-02-01',
    });
  });

  it('turns unspecified values into empty ones, for the merge to fill and the validator to judge', () => {
    const change = statusChangeOf({
      ...event,
      status: ApplicationStatus.APPLICATION_STATUS_UNSPECIFIED,
      category: PermitCategory.PERMIT_CATEGORY_UNSPECIFIED,
      sponsorType: SponsorType.SPONSOR_TYPE_UNSPECIFIED,
    });
    expect(change).toMatchObject({ status: '', category: '', sponsorType: '' });
  });

  it('has a contract value for every permit category, sponsor type and status of the feed, and reads it back', () => {
    for (const category of PERMIT_CATEGORIES) {
      expect(Object.values(PermitCategory)).toContain(contractCategoryOf(category));
      expect(statusChangeOf({ ...event, category: contractCategoryOf(category) }).category).toBe(category);
    }
    for (const sponsorType of SPONSOR_TYPES) {
      const back = statusChangeOf({ ...event, sponsorType: contractSponsorTypeOf(sponsorType) }).sponsorType;
      expect(back === '' ? 'UNKNOWN' : back).toBe(sponsorType);
    }
    for (const status of Object.values(ApplicationStatus)) {
      if (status === ApplicationStatus.APPLICATION_STATUS_UNSPECIFIED) continue;
      expect(statusChangeOf({ ...event, status }).status).not.toBe('');
    }
    for (const status of APPLICATION_STATUSES) {
      expect(Object.values(ApplicationStatus)).toContain(contractStatusOf(status));
      expect(statusChangeOf({ ...event, status: contractStatusOf(status) }).status).toBe(status);
    }
  });
});
