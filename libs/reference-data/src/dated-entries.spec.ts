import { DatedEntries, isValidOn } from './dated-entries';
import { ReferenceDataError } from './reference-data.error';

const threshold = (key: string, validFrom: string, validTo: string | null, amount: number) => ({ key, validFrom, validTo, amount });

describe('DatedEntries: which entry applies on reference date D', () => {
  const table = new DatedEntries(
    'income-thresholds.v1.json',
    'entries',
    [
      threshold('BLUE_CARD', '2024-01-01', '2024-06-11', 6245),
      threshold('BLUE_CARD', '2024-06-12', '2024-12-31', 5331),
      threshold('BLUE_CARD', '2025-01-01', null, 5688),
      threshold('HSM_30_PLUS', '2024-01-01', null, 5331),
    ],
    (entry) => entry.key,
  );

  it('treats validTo as inclusive: the last day of an entry still applies it, the next day the next entry', () => {
    expect(table.on('2024-06-11', 'BLUE_CARD')?.amount).toBe(6245);
    expect(table.on('2024-06-12', 'BLUE_CARD')?.amount).toBe(5331);
    expect(table.on('2024-12-31', 'BLUE_CARD')?.amount).toBe(5331);
    expect(table.on('2025-01-01', 'BLUE_CARD')?.amount).toBe(5688);
  });

  it('treats validTo null as open-ended', () => {
    expect(table.on('2099-12-31', 'BLUE_CARD')?.amount).toBe(5688);
    expect(isValidOn({ validFrom: '2024-01-01', validTo: null }, '2023-12-31')).toBe(false);
  });

  it('answers undefined before the first entry and for an unknown key, and require() names file, key and date', () => {
    expect(table.on('2023-12-31', 'BLUE_CARD')).toBeUndefined();
    expect(table.on('2024-06-12', 'ASTRONAUT')).toBeUndefined();
    expect(() => table.require('2023-12-31', 'BLUE_CARD')).toThrow(
      'income-thresholds.v1.json: no entry for BLUE_CARD applies on 2023-12-31',
    );
  });

  it('refuses overlapping entries for the same key when loading, naming file and both entries', () => {
    const load = () =>
      new DatedEntries(
        'income-thresholds.v1.json',
        'entries',
        [threshold('BLUE_CARD', '2024-01-01', '2024-06-12', 6245), threshold('BLUE_CARD', '2024-06-12', null, 5331)],
        (entry) => entry.key,
      );
    expect(load).toThrow(ReferenceDataError);
    expect(load).toThrow(
      'income-thresholds.v1.json: entries[1] (BLUE_CARD) .validFrom: overlaps entries[0]; close that one with validTo first',
    );
  });

  it('allows the same period for different keys, and refuses an entry that ends before it starts', () => {
    const samePeriod = [threshold('A', '2024-01-01', null, 1), threshold('B', '2024-01-01', null, 2)];
    expect(() => new DatedEntries('f.json', 'entries', samePeriod, (e) => e.key)).not.toThrow();
    expect(() => new DatedEntries('f.json', 'entries', [threshold('A', '2024-02-01', '2024-01-31', 1)], (e) => e.key)).toThrow(
      'f.json: entries[0] (A) .validTo: lies before validFrom',
    );
  });
});
