import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { isDomainError } from '@welkom/errors';
import { bundledRecognisedSponsorRegister } from '../sponsors/recognised-sponsor.register';
import { bundledFilingChannels } from './filing-channel.reference';
import { filingRouteFor } from './filing-authority.policy';

const R = PartyRole;
const C = PermitCategory;
const channels = bundledFilingChannels();
const sponsors = bundledRecognisedSponsorRegister();

function routeOf(category: PermitCategory, roles: PartyRole[], on = '2026-11-20'): string {
  try {
    return filingRouteFor(category, new Set(roles), on, channels, sponsors, '00000000000000000000');
  } catch (error) {
    return isDomainError(error) ? `${error.code} ${error.reason}` : String(error);
  }
}

describe('who may file which category', () => {
  it.each<[string, PermitCategory, PartyRole[], string]>([
    ['RVO’s Point of Entry carries a founder’s filing', C.PERMIT_CATEGORY_START_UP, [R.PARTY_ROLE_RVO], 'APPLICANT_CHANNEL'],
    ['the IND’s desk carries a founder’s filing', C.PERMIT_CATEGORY_START_UP, [R.PARTY_ROLE_IND], 'APPLICANT_CHANNEL'],
    ['RVO’s Point of Entry carries a self-employed filing', C.PERMIT_CATEGORY_SELF_EMPLOYED, [R.PARTY_ROLE_RVO], 'APPLICANT_CHANNEL'],
    ['the IND’s desk carries a self-employed filing', C.PERMIT_CATEGORY_SELF_EMPLOYED, [R.PARTY_ROLE_IND], 'APPLICANT_CHANNEL'],
    [
      'an employer is no channel for the self-employed',
      C.PERMIT_CATEGORY_SELF_EMPLOYED,
      [R.PARTY_ROLE_EMPLOYER, R.PARTY_ROLE_RECOGNISED_SPONSOR],
      'PERMISSION_DENIED NOT_A_FILING_CHANNEL',
    ],
    [
      'a university is no channel for founders',
      C.PERMIT_CATEGORY_START_UP,
      [R.PARTY_ROLE_UNIVERSITY, R.PARTY_ROLE_RECOGNISED_SPONSOR],
      'PERMISSION_DENIED NOT_A_FILING_CHANNEL',
    ],
    [
      'an employer is no channel for founders',
      C.PERMIT_CATEGORY_START_UP,
      [R.PARTY_ROLE_EMPLOYER],
      'PERMISSION_DENIED NOT_A_FILING_CHANNEL',
    ],
    [
      'a university carries its graduate’s orientation year',
      C.PERMIT_CATEGORY_ORIENTATION_YEAR,
      [R.PARTY_ROLE_UNIVERSITY, R.PARTY_ROLE_RECOGNISED_SPONSOR],
      'APPLICANT_CHANNEL',
    ],
    [
      'RVO is no channel for the orientation year',
      C.PERMIT_CATEGORY_ORIENTATION_YEAR,
      [R.PARTY_ROLE_RVO],
      'PERMISSION_DENIED NOT_A_FILING_CHANNEL',
    ],
    [
      'the EU reporting connector files nothing',
      C.PERMIT_CATEGORY_ORIENTATION_YEAR,
      [R.PARTY_ROLE_EU_REPORTING],
      'PERMISSION_DENIED NOT_A_FILING_CHANNEL',
    ],
    ['an employer sponsors an HSM, as before', C.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, [R.PARTY_ROLE_EMPLOYER], 'SPONSOR'],
    [
      'RVO sponsors no HSM: the sponsor rule stays',
      C.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT,
      [R.PARTY_ROLE_RVO],
      'PERMISSION_DENIED NOT_A_SPONSOR',
    ],
    ['RVO files no family member', C.PERMIT_CATEGORY_FAMILY_MEMBER, [R.PARTY_ROLE_RVO], 'PERMISSION_DENIED NOT_A_SPONSOR'],
    ['an employer files the family of its HSM', C.PERMIT_CATEGORY_FAMILY_MEMBER, [R.PARTY_ROLE_EMPLOYER], 'SPONSOR'],
  ])('%s', (_case, category, roles, expected) => {
    expect(routeOf(category, roles)).toBe(expected);
  });

  it('opens no channel before the reference data’s first day', () => {
    expect(routeOf(C.PERMIT_CATEGORY_START_UP, [R.PARTY_ROLE_RVO], '2025-12-31')).toBe('PERMISSION_DENIED NOT_A_FILING_CHANNEL');
  });
});
