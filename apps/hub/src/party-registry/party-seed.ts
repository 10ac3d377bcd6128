import { readFileSync } from 'node:fs';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { isOin } from '@welkom/grpc';
import type { PartyRecord } from './party.repository';

interface PartySeedFile {
  parties: { oin: string; name: string; roles: string[]; subUnits?: { code: string; name: string }[] }[];
}

const KNOWN_ROLES = new Set<string>(Object.values(PartyRole).filter((r) => r !== PartyRole.PARTY_ROLE_UNSPECIFIED));
/** A sub-unit code as callers name it in requests, e.g. "nairobi". */
export const SUB_UNIT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Reads the party reference file (deploy/parties/*.json); a bad entry stops start-up with its position. */
export function readPartySeed(path: string): PartyRecord[] {
  const seed = JSON.parse(readFileSync(path, 'utf8')) as PartySeedFile;
  return seed.parties.map((party, index) => {
    const roles = party.roles.map((role) => `PARTY_ROLE_${role}`);
    const unknown = roles.filter((role) => !KNOWN_ROLES.has(role));
    if (!isOin(party.oin)) throw new Error(`${path}: parties[${index}].oin is not a 20-digit OIN`);
    if (unknown.length > 0) throw new Error(`${path}: parties[${index}] has unknown roles ${unknown.join(', ')}`);
    const subUnits = party.subUnits ?? [];
    for (const subUnit of subUnits) {
      if (!SUB_UNIT_PATTERN.test(subUnit.code)) throw new Error(`${path}: parties[${index}] has sub-unit code ${JSON.stringify(subUnit.code)}`);
    }
    return { oin: party.oin, name: party.name, roles, subUnits: subUnits.map((subUnit) => ({ ...subUnit })) };
  });
}
