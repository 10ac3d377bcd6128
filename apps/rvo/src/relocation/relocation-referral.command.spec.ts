import {
  ApplicationStatus,
  PermitCategory,
  SponsorType,
  type ApplicationStatusChanged,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { RvoError } from '../rvo.errors';
import { arrivalCommand } from './relocation-referral.command';

const granted: ApplicationStatusChanged = {
  collectionPoint: '',
  applicationRef: '6f1c0c2e-0000-4000-8000-000000000001',
  subject: { pseudonym: 'subj_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaq' },
  category: PermitCategory.PERMIT_CATEGORY_START_UP,
  status: ApplicationStatus.APPLICATION_STATUS_GRANTED,
  citizenship: 'IN',
  sponsorType: SponsorType.SPONSOR_TYPE_NONE,
  sponsor: undefined,
  submittedOn: '2026-10-01',
  decidedOn: '2026-11-02',
  reasonCode: '',
  occurredAt: undefined,
  arrival: { welcomeCentreCode: '', municipalityOfWork: 'Leiden', municipalityOfResidence: ' ', expectedArrivalOn: '2026-12-01' },
};

describe('the arrival a status event announces', () => {
  it('takes the stated arrival date and the municipalities, empty texts as absent, no sponsor as empty', () => {
    expect(arrivalCommand(granted)).toEqual({
      applicationRef: granted.applicationRef,
      trigger: ApplicationStatus.APPLICATION_STATUS_GRANTED,
      arrival: {
        subjectPseudonym: granted.subject?.pseudonym,
        category: PermitCategory.PERMIT_CATEGORY_START_UP,
        sponsorOin: '',
        arrivalDate: '2026-12-01',
        namedCentreCode: undefined,
        municipalityOfWork: 'Leiden',
        municipalityOfResidence: undefined,
      },
    });
  });

  it('falls back to the decision day when the application states no arrival', () => {
    expect(arrivalCommand({ ...granted, arrival: undefined })?.arrival.arrivalDate).toBe('2026-11-02');
  });

  it('announces an arrival on an issued MVV too, and none on other statuses', () => {
    expect(arrivalCommand({ ...granted, status: ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED })?.trigger).toBe(
      ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED,
    );
    for (const status of [ApplicationStatus.APPLICATION_STATUS_SUBMITTED, ApplicationStatus.APPLICATION_STATUS_REFUSED]) {
      expect(arrivalCommand({ ...granted, status })).toBeUndefined();
    }
  });

  it('refuses a granted case without pseudonym or with a malformed arrival date, naming the fields', () => {
    let error: unknown;
    try {
      arrivalCommand({ ...granted, subject: undefined, arrival: { ...granted.arrival!, expectedArrivalOn: '2026-13-01' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RvoError);
    expect((error as RvoError).fieldViolations.map((violation) => violation.field)).toEqual([
      'subject.pseudonym',
      'arrival.expected_arrival_on',
      'decided_on',
    ]);
  });

  it.each<[string, ApplicationStatusChanged['subject'], string]>([
    ['without a hub pseudonym (never looked up at the hub): by its case id alone', undefined, ''],
    ['with one: under it', granted.subject, granted.subject?.pseudonym ?? ''],
  ])('refers a family member applying together on its own %s', (_case, subject, pseudonym) => {
    const family = {
      ...granted,
      category: PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER,
      subject,
      sponsor: { oin: '00000003612345670000', subUnit: '' },
    };
    expect(arrivalCommand(family)).toMatchObject({
      applicationRef: granted.applicationRef,
      arrival: { subjectPseudonym: pseudonym, category: PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER, sponsorOin: '00000003612345670000' },
    });
  });

  it('still refuses a family member whose pseudonym is not a hub pseudonym', () => {
    expect(() =>
      arrivalCommand({ ...granted, category: PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER, subject: { pseudonym: 'X1234567' } }),
    ).toThrow(RvoError);
  });
});
