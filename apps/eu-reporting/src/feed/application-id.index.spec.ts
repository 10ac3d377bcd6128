import { ApplicationIdIndex } from './application-id.index';

describe('application id index', () => {
  it('numbers new ids densely and finds them again, across many table growths', () => {
    const index = new ApplicationIdIndex(16);
    for (let i = 0; i < 50_000; i++) expect(index.findOrAdd(`APP-${i}`)).toBe(-(i + 1));
    for (let i = 0; i < 50_000; i += 997) expect(index.findOrAdd(`APP-${i}`)).toBe(i);
    expect(index.size).toBe(50_000);
    expect(index.find('APP-49999')).toBe(49_999);
    expect(index.find('APP-50000')).toBe(-1);
    expect(index.idAt(12_345)).toBe('APP-12345');
  });

  it('tells apart ids that share a prefix or differ only in length', () => {
    const index = new ApplicationIdIndex();
    const ids = ['A', 'AA', 'A1', '1A', 'AAA', 'a'];
    ids.forEach((id) => index.findOrAdd(id));
    expect(ids.map((id) => index.find(id))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
