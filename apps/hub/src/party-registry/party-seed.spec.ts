import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPartySeed } from './party-seed';

function seedFile(content: object): string {
  const path = join(mkdtempSync(join(tmpdir(), 'parties-')), 'parties.json');
  // Every reference file carries a version and its sources (libs/reference-data).
  const envelope = { version: 'test-1', sources: [{ title: 'parties for this test', document: 'party-seed.spec.ts' }] };
  writeFileSync(path, JSON.stringify({ ...envelope, ...content }));
  return path;
}

describe('readPartySeed', () => {
  it('reads parties with their roles and optional sub-units', () => {
    const path = seedFile({
      parties: [
        {
          oin: '00000001845678900000',
          name: 'Ministry of Foreign Affairs',
          roles: ['CONSULAR_POST'],
          subUnits: [{ code: 'nairobi', name: 'Embassy Nairobi' }],
        },
        { oin: '00000001812345670000', name: 'IND', roles: ['IND'] },
      ],
    });
    expect(readPartySeed(path)).toEqual([
      {
        oin: '00000001845678900000',
        name: 'Ministry of Foreign Affairs',
        roles: ['PARTY_ROLE_CONSULAR_POST'],
        subUnits: [{ code: 'nairobi', name: 'Embassy Nairobi' }],
      },
      { oin: '00000001812345670000', name: 'IND', roles: ['PARTY_ROLE_IND'], subUnits: [] },
    ]);
  });

  it('stops at a sub-unit code callers could not name', () => {
    const path = seedFile({
      parties: [{ oin: '00000001845678900000', name: 'BZ', roles: ['CONSULAR_POST'], subUnits: [{ code: 'Nairobi Post', name: 'x' }] }],
    });
    expect(() => readPartySeed(path)).toThrow(
      /parties\[0\] \(00000001845678900000\) \.subUnits\[0\] \(Nairobi Post\) \.code: expected a sub-unit code/,
    );
  });

  it('stops at an OIN that is not 20 digits', () => {
    const path = seedFile({ parties: [{ oin: '1234', name: 'x', roles: ['IND'] }] });
    expect(() => readPartySeed(path)).toThrow(/parties\[0\] \(1234\) \.oin: expected a 20-digit OIN/);
  });
});
