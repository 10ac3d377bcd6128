import { isDomainError } from '@welkom/errors';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { ReferenceDataError } from '@welkom/reference-data';
import bundledJson from '../../reference/recognised-sponsors.json';
import devParties from '../../../../deploy/parties/dev-parties.json';
import {
  bundledRecognisedSponsorRegister,
  parseRecognisedSponsorReference,
  RecognisedSponsorRegister,
  type SponsorPurpose,
} from './recognised-sponsor.register';

const register = bundledRecognisedSponsorRegister();
const LEIDEN = '00000003281234560000';
const DELFT = '00000003270987650000';
const NEVER_RECOGNISED = '00000003123456780000';
const WITHDRAWN = '00000003876543210000';

type RegisterJson = { sponsors: { oin: string; kvkNumber: string; name: string; recognitions: Record<string, unknown>[] }[] } & Record<
  string,
  unknown
>;
const copy = (): RegisterJson => structuredClone(bundledJson);

describe('recognised-sponsor register', () => {
  it.each([
    [LEIDEN, 'STUDY', '2026-09-01', true],
    [LEIDEN, 'RESEARCH', '2026-09-01', true],
    [DELFT, 'STUDY', '2026-09-01', true],
    [DELFT, 'RESEARCH', '2026-09-01', true],
    [LEIDEN, 'HIGHLY_SKILLED_MIGRANT', '2026-09-01', false],
    [LEIDEN, 'STUDY', '2013-05-31', false],
    [NEVER_RECOGNISED, 'STUDY', '2026-09-01', false],
    [WITHDRAWN, 'STUDY', '2025-12-31', true],
    [WITHDRAWN, 'STUDY', '2026-01-01', false],
    ['00000003999999990000', 'STUDY', '2026-09-01', false],
  ])('answers whether %s is recognised for %s on %s: %s', (oin, purpose, onDate, expected) => {
    expect(register.isRecognisedFor(oin, purpose as SponsorPurpose, onDate)).toBe(expected);
  });

  it('says which register and period a recognition rests on', () => {
    expect(register.recognitionOf(LEIDEN, 'RESEARCH', '2026-09-01')).toEqual({
      recognised: true,
      register: 'RESEARCHERS',
      validFrom: '2013-06-01',
      validTo: null,
    });
    expect(register.recognitionOf(WITHDRAWN, 'STUDY', '2026-01-01')).toEqual({ recognised: false, register: 'EDUCATIONAL_INSTITUTIONS' });
  });

  it('recognises every dev party that deploy/parties marks as a recognised sponsor, in the parts its roles need', () => {
    const sponsors = devParties.parties.filter((p) => p.roles.includes('RECOGNISED_SPONSOR'));
    expect(sponsors.length).toBeGreaterThanOrEqual(5);
    const purposesOf = (roles: string[]): SponsorPurpose[] => [
      ...(roles.includes('UNIVERSITY') ? (['STUDY', 'RESEARCH'] as const) : []),
      ...(roles.includes('RESEARCH_ORGANISATION') ? (['RESEARCH'] as const) : []),
      ...(roles.includes('EMPLOYER') ? (['HIGHLY_SKILLED_MIGRANT', 'EU_BLUE_CARD'] as const) : []),
    ];
    for (const party of sponsors) {
      expect([party.name, purposesOf(party.roles).length > 0]).toEqual([party.name, true]);
      for (const purpose of purposesOf(party.roles)) {
        expect([party.name, purpose, register.isRecognisedFor(party.oin, purpose, '2026-09-01')]).toEqual([party.name, purpose, true]);
      }
    }
  });

  it('knows the employers: two recognised for highly skilled migrants, one not recognised at all', () => {
    const employers = devParties.parties.filter((p) => p.roles.includes('EMPLOYER'));
    const recognised = employers.filter((p) => register.isRecognisedFor(p.oin, 'HIGHLY_SKILLED_MIGRANT', '2026-09-01'));
    expect(recognised.length).toBe(2);
    const unrecognised = employers.filter((p) => !recognised.includes(p));
    expect(unrecognised.map((p) => register.findByOin(p.oin)?.recognitions)).toEqual([[]]);
  });

  it('lets only parties with a sponsor role file: an employer or a university yes, the EU reporting connector no', () => {
    const rolesOf = (key: string): Set<PartyRole> =>
      new Set(
        (devParties.parties.find((p) => p.key === key)?.roles ?? []).map(
          (role) => PartyRole[`PARTY_ROLE_${role}` as keyof typeof PartyRole],
        ),
      );
    expect(register.isSponsorParty(rolesOf('employer-voorbeeld-logistiek'))).toBe(true);
    expect(register.isSponsorParty(rolesOf('university-leiden'))).toBe(true);
    expect(register.isSponsorParty(rolesOf('research-voorbeeld-instituut'))).toBe(true);
    expect(register.isSponsorParty(rolesOf('eu-reporting'))).toBe(false);
    expect(register.isSponsorParty(rolesOf('uwv'))).toBe(false);
    expect(register.isSponsorParty(new Set())).toBe(false);
  });

  it('finds a sponsor by KvK number as well as by OIN', () => {
    expect(register.findByKvkNumber('28123456')?.name).toBe('Universiteit Leiden');
    expect(register.findByOin(DELFT)?.kvkNumber).toBe('27098765');
    expect(register.findByKvkNumber('00000000')).toBeUndefined();
  });

  it('maps permit categories to the recognition they need, and none for categories without a sponsor', () => {
    expect(register.purposeForCategory(PermitCategory.PERMIT_CATEGORY_STUDENT)).toBe('STUDY');
    expect(register.purposeForCategory(PermitCategory.PERMIT_CATEGORY_RESEARCHER)).toBe('RESEARCH');
    expect(register.purposeForCategory(PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD)).toBe('EU_BLUE_CARD');
    expect(register.purposeForCategory(PermitCategory.PERMIT_CATEGORY_START_UP)).toBeUndefined();
  });

  it('refuses a malformed OIN, purpose or date instead of answering "not recognised"', () => {
    for (const act of [
      () => register.isRecognisedFor('28123456', 'STUDY', '2026-09-01'),
      () => register.isRecognisedFor(LEIDEN, 'TOURISM' as SponsorPurpose, '2026-09-01'),
      () => register.isRecognisedFor(LEIDEN, 'STUDY', '1 September 2026'),
    ]) {
      let caught: unknown;
      try {
        act();
      } catch (error) {
        caught = error;
      }
      expect(isDomainError(caught) && caught.code === 'INVALID_ARGUMENT').toBe(true);
    }
  });
});

describe('recognised-sponsor reference data checks', () => {
  it('refuses an OIN that carries a different KvK number', () => {
    const json = copy();
    json.sponsors[0].kvkNumber = '28123457';
    expect(() => parseRecognisedSponsorReference(json)).toThrow(/carries KvK number 28123456/);
  });

  it('refuses the same organisation twice', () => {
    const json = copy();
    json.sponsors.push({ ...json.sponsors[0], name: 'Leiden again' });
    expect(() => parseRecognisedSponsorReference(json)).toThrow(/appears twice/);
  });

  it('refuses overlapping recognitions in one register', () => {
    const json = copy();
    json.sponsors[0].recognitions.push({ register: 'EDUCATIONAL_INSTITUTIONS', validFrom: '2020-01-01', validTo: null });
    expect(() => parseRecognisedSponsorReference(json)).toThrow(/overlap/);
  });

  it('refuses a register that is not one of the four', () => {
    const json = copy();
    json.sponsors[0].recognitions.push({ register: 'TOURISM', validFrom: '2020-01-01', validTo: null });
    expect(() => parseRecognisedSponsorReference(json)).toThrow(ReferenceDataError);
  });

  it('accepts a suspension written as a gap between two recognitions', () => {
    const json = copy();
    json.sponsors[2].recognitions = [
      { register: 'EDUCATIONAL_INSTITUTIONS', validFrom: '2018-01-01', validTo: '2024-03-31' },
      { register: 'EDUCATIONAL_INSTITUTIONS', validFrom: '2024-07-01', validTo: null },
    ];
    const suspended = new RecognisedSponsorRegister(parseRecognisedSponsorReference(json));
    expect(
      ['2024-03-31', '2024-04-01', '2024-06-30', '2024-07-01'].map((d) => suspended.isRecognisedFor(NEVER_RECOGNISED, 'STUDY', d)),
    ).toEqual([true, false, false, true]);
  });
});
