import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { bundledWelcomeCentreReference } from '@welkom/reference-data';
import { referArrival, type Arrival } from './relocation-referral.policy';

const centres = bundledWelcomeCentreReference();

const founder: Arrival = {
  subjectPseudonym: 'subj_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaq',
  category: PermitCategory.PERMIT_CATEGORY_START_UP,
  sponsorOin: '00000001823456780000',
  arrivalDate: '2026-05-01',
  namedCentreCode: undefined,
  municipalityOfWork: 'Leeuwarden',
  municipalityOfResidence: 'Amsterdam',
};

describe('relocation referral', () => {
  it('refers an arrival to the centre whose catchment holds the municipality of work, with pseudonymous facts only', () => {
    expect(referArrival(founder, centres)).toEqual({
      centreCode: 'international-welcome-center-north',
      centreName: expect.any(String) as string,
      basis: 'MUNICIPALITY_OF_WORK',
      subjectPseudonym: founder.subjectPseudonym,
      category: PermitCategory.PERMIT_CATEGORY_START_UP,
      sponsorOin: '00000001823456780000',
      arrivalDate: '2026-05-01',
      centreTableVersion: 'welcome-centres.2026-1',
    });
  });

  it('prefers the centre the application names', () => {
    expect(referArrival({ ...founder, namedCentreCode: 'leiden-international-centre' }, centres)).toMatchObject({
      centreCode: 'leiden-international-centre',
      basis: 'NAMED_IN_APPLICATION',
    });
  });

  it('falls back to the municipality of residence when no centre serves the place of work', () => {
    expect(referArrival({ ...founder, municipalityOfWork: 'Maastricht' }, centres)).toMatchObject({
      centreCode: 'in-amsterdam',
      basis: 'MUNICIPALITY_OF_RESIDENCE',
    });
  });

  it('ignores a named code that is an IND desk, not a welcome centre', () => {
    expect(referArrival({ ...founder, namedCentreCode: 'ind-desk-zwolle' }, centres)).toMatchObject({ basis: 'MUNICIPALITY_OF_WORK' });
  });

  it('makes no referral when no centre serves the arrival, or before the table starts', () => {
    expect(referArrival({ ...founder, municipalityOfWork: 'Maastricht', municipalityOfResidence: 'Maastricht' }, centres)).toBeUndefined();
    expect(referArrival({ ...founder, arrivalDate: '2015-06-30' }, centres)).toBeUndefined();
  });
});
