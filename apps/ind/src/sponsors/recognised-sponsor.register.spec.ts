import { isDomainError } from '@welkom/errors';
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

  it('recognises every dev party that deploy/parties marks as a recognised sponsor, for study and research', () => {
    const sponsors = devParties.parties.filter((p) => p.roles.includes('RECOGNISED_SPONSOR'));
    expect(sponsors.length).toBeGreaterThanOrEqual(2);
    for (const party of sponsors) {
      expect([party.name, register.isRecognisedFor(party.oin, 'STUDY', '2026-09-01')]).toEqual([party.name, true]);
      expect([party.name, register.isRecognisedFor(party.oin, 'RESEARCH', '2026-09-01')]).toEqual([party.name, true]);
    }
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
