import { ReferenceDataError } from '../reference-data.error';
import { bundledWelcomeCentreReference, parseWelcomeCentreReference } from './welcome-centre.reference';
import bundled from '../../tables/welcome-centres.v1.json';

const copy = (): typeof bundled => JSON.parse(JSON.stringify(bundled)) as typeof bundled;

describe('welcome-centre reference', () => {
  const reference = bundledWelcomeCentreReference();

  it('finds the centre whose catchment holds a municipality, whatever its case', () => {
    expect(reference.centreServing('Leeuwarden', '2026-03-01')?.code).toBe('international-welcome-center-north');
    expect(reference.centreServing('  súdwest-fryslân ', '2026-03-01')?.code).toBe('international-welcome-center-north');
    expect(reference.centreServing('Eindhoven', '2026-03-01')?.code).toBe('holland-expat-center-south');
  });

  it('finds no centre for a municipality outside every catchment, or before the table starts', () => {
    expect(reference.centreServing('Maastricht', '2026-03-01')).toBeUndefined();
    expect(reference.centreServing('Groningen', '2015-06-30')).toBeUndefined();
    expect(reference.centreServing('Groningen', '2015-07-01')?.code).toBe('international-welcome-center-north');
  });

  it('accepts expat centres with an IND desk and IND desks as collection points, not a centre without a desk', () => {
    expect(reference.collectionPoint('in-amsterdam', '2026-03-01')).toEqual({
      code: 'in-amsterdam',
      name: 'IN Amsterdam',
      municipality: 'Amsterdam',
      kind: 'WELCOME_CENTRE',
    });
    expect(reference.collectionPoint('ind-desk-zwolle', '2026-03-01')?.kind).toBe('IND_DESK');
    expect(reference.collectionPoint('leiden-international-centre', '2026-03-01')).toBeUndefined();
    expect(reference.collectionPoint('nowhere', '2026-03-01')).toBeUndefined();
  });

  it('refuses a municipality in two catchments, naming both centres', () => {
    const file = copy();
    file.centres[0].catchment.push('Leeuwarden');
    expect(() => parseWelcomeCentreReference(file)).toThrow(ReferenceDataError);
    expect(() => parseWelcomeCentreReference(file)).toThrow(/Leeuwarden is already in the catchment of in-amsterdam/);
  });

  it('refuses a code used by both a centre and an IND desk', () => {
    const file = copy();
    file.indDesks[0].code = 'in-amsterdam';
    expect(() => parseWelcomeCentreReference(file)).toThrow(/indDesks\[0\] \(in-amsterdam\) \.code: also names a centre/);
  });

  it('refuses two overlapping entries for one centre', () => {
    const file = copy();
    file.centres.push({ ...file.centres[0], catchment: ['Amsterdam'], validFrom: '2020-01-01' });
    expect(() => parseWelcomeCentreReference(file)).toThrow(/overlaps/);
  });
});
