import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_PARTY_DIRECTORY_FILE } from '@welkom/config';
import { hubOinOf } from './hub-client.options';

function partyFile(parties: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hub-oin-')), 'parties.json');
  writeFileSync(path, JSON.stringify({ version: 'test-1', sources: [{ title: 'a test', document: 'this spec' }], parties }));
  return path;
}

describe('hubOinOf', () => {
  it('pins the one party with the hub role in the shipped party list', () => {
    expect(hubOinOf(DEV_PARTY_DIRECTORY_FILE)).toBe('00000001999999990000');
  });

  it('refuses a party list with two hubs, or none, rather than guess whom to trust', () => {
    const hub = { oin: '00000001999999990000', name: 'Hub', roles: ['HUB_OPERATOR'] };
    const other = { oin: '00000001999999980000', name: 'Another hub', roles: ['HUB_OPERATOR'] };
    const ind = { oin: '00000001812345670000', name: 'IND', roles: ['IND'] };

    expect(() => hubOinOf(partyFile([hub, other, ind]))).toThrow(/exactly one party with the HUB_OPERATOR role \(the hub\), found 2/);
    expect(() => hubOinOf(partyFile([ind]))).toThrow(/found 0/);
  });
});
