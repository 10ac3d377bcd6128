import { ReferenceDataError } from '../reference-data.error';
import { bundledMvvExemptionReference, parseMvvExemptionReference, type MvvApplicant } from './mvv-exemption.reference';
import bundled from '../../tables/mvv-exemptions.v1.json';

const copy = (): typeof bundled => JSON.parse(JSON.stringify(bundled)) as typeof bundled;

describe('MVV exemptions (DOMAIN.md §2.6)', () => {
  const reference = bundledMvvExemptionReference();
  const needs = (applicant: MvvApplicant, on: string): boolean => reference.requirement(applicant, on).required;

  it.each([
    ['KE', '2026-03-01', true],
    ['IN', '2026-03-01', true],
    ['CN', '2026-03-01', true],
    ['US', '2026-03-01', false],
    ['JP', '2026-03-01', false],
    ['DE', '2026-03-01', false],
    ['CH', '2026-03-01', false],
    ['NO', '2026-03-01', false],
    ['VA', '2026-03-01', false],
    ['HR', '2013-06-30', true],
    ['HR', '2013-07-01', false],
  ])('a national of %s on %s needs an MVV: %s', (nationality, on, required) => {
    expect(needs({ nationality }, on)).toBe(required);
  });

  it('keeps the United Kingdom exempt across Brexit, on another ground after the transition period', () => {
    expect(reference.requirement({ nationality: 'GB' }, '2020-12-31')).toMatchObject({ required: false, ground: { code: 'EU_EEA' } });
    expect(reference.requirement({ nationality: 'GB' }, '2021-01-01')).toMatchObject({
      required: false,
      ground: { kind: 'NATIONALITY', code: 'LISTED_NATIONALITY' },
    });
  });

  it('puts South Korea on the list from the date the sources support, and not before', () => {
    expect(needs({ nationality: 'KR' }, '2024-01-21')).toBe(true);
    expect(needs({ nationality: 'KR' }, '2024-01-22')).toBe(false);
  });

  it('exempts a holder of another Schengen state’s permit only with a recognised sponsor', () => {
    const schengen = { nationality: 'KE', situations: ['SCHENGEN_PERMIT_WITH_RECOGNISED_SPONSOR'] } as const;
    expect(needs(schengen, '2026-03-01')).toBe(true);
    expect(reference.requirement({ ...schengen, facts: ['RECOGNISED_SPONSOR'] }, '2026-03-01')).toEqual({
      required: false,
      ground: { kind: 'SITUATION', code: 'SCHENGEN_PERMIT_WITH_RECOGNISED_SPONSOR' },
      version: reference.version,
    });
  });

  it('exempts a holder of a valid Dutch permit whatever the nationality, and records the table version', () => {
    expect(reference.requirement({ nationality: 'NG', situations: ['VALID_DUTCH_PERMIT'] }, '2026-03-01')).toEqual({
      required: false,
      ground: { kind: 'SITUATION', code: 'VALID_DUTCH_PERMIT' },
      version: 'mvv-exemptions.2026-1',
    });
    expect(reference.requirement({ nationality: 'NG' }, '2026-03-01')).toEqual({ required: true, version: 'mvv-exemptions.2026-1' });
  });

  it('needs residence throughout for the former-permit situation', () => {
    const former = { nationality: 'NG', situations: ['FORMER_DUTCH_PERMIT_WITHIN_TWO_YEARS'] } as const;
    expect(needs(former, '2026-03-01')).toBe(true);
    expect(needs({ ...former, facts: ['RESIDED_IN_NL_THROUGHOUT'] }, '2026-03-01')).toBe(false);
  });

  it('refuses two entries for one country that overlap in time', () => {
    const file = copy();
    file.nationalities.push({ ...file.nationalities.find((entry) => entry.country === 'US')!, validFrom: '2020-01-01' });
    expect(() => parseMvvExemptionReference(file)).toThrow(ReferenceDataError);
    expect(() => parseMvvExemptionReference(file)).toThrow(/overlaps/);
  });
});
