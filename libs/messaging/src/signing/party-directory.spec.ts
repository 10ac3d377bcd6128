import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { PartyDirectory } from './party-directory';

const DEV_PARTIES = join(__dirname, '..', '..', '..', '..', 'deploy', 'parties', 'dev-parties.json');

function directoryFile(parties: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'party-directory-')), 'parties.json');
  writeFileSync(path, JSON.stringify({ version: 'test-1', sources: [{ title: 'a test', document: 'this spec' }], parties }));
  return path;
}

describe('PartyDirectory', () => {
  it('reads the roles of the development parties, written without the PARTY_ROLE_ prefix', () => {
    const directory = PartyDirectory.fromFile(DEV_PARTIES);
    expect([...directory.rolesOf('00000003281234560000')]).toEqual([
      PartyRole.PARTY_ROLE_UNIVERSITY,
      PartyRole.PARTY_ROLE_RECOGNISED_SPONSOR,
    ]);
  });

  it('lets a party publish when it holds any of the topic roles, and nobody it does not know', () => {
    const directory = PartyDirectory.fromFile(DEV_PARTIES);
    const topic = { publisherRoles: [PartyRole.PARTY_ROLE_IND, PartyRole.PARTY_ROLE_UNIVERSITY] };
    expect(directory.mayPublish('00000003281234560000', topic)).toBe(true);
    expect(directory.mayPublish('00000001834567890000', topic)).toBe(false);
    expect(directory.mayPublish('00000009999999999999', topic)).toBe(false);
  });

  it('finds the parties holding a role: the one UWV, the three employers', () => {
    const directory = PartyDirectory.fromFile(DEV_PARTIES);
    expect(directory.partiesWithRole(PartyRole.PARTY_ROLE_UWV)).toEqual(['00000001834567890000']);
    expect(directory.partiesWithRole(PartyRole.PARTY_ROLE_EMPLOYER)).toHaveLength(3);
    expect(PartyDirectory.fromEntries([]).partiesWithRole(PartyRole.PARTY_ROLE_UWV)).toEqual([]);
  });

  it('refuses a file with an unknown role, naming the entry', () => {
    const path = directoryFile([
      { oin: '00000001999999990000', name: 'Hub', roles: ['HUB_OPERATOR'] },
      { oin: '00000001812345670000', name: 'A king', roles: ['KING'] },
    ]);
    expect(() => PartyDirectory.fromFile(path)).toThrow(/parties\[1\] has unknown roles PARTY_ROLE_KING/);
  });

  it('refuses an entry whose OIN is not 20 digits', () => {
    const path = directoryFile([{ oin: '123', name: 'Too short', roles: ['IND'] }]);
    expect(() => PartyDirectory.fromFile(path)).toThrow(/parties\[0\].* \.oin: expected a 20-digit OIN/);
  });
});
