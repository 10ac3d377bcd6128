import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { readPartyFile, ReferenceDataError } from '@welkom/reference-data';
import type { PartyRecord } from './party.repository';

const KNOWN_ROLES = new Set<string>(Object.values(PartyRole).filter((r) => r !== PartyRole.PARTY_ROLE_UNSPECIFIED));
/** A sub-unit code as callers name it in requests, e.g. "nairobi" (the party file's schema checks the same). */
export const SUB_UNIT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Reads the party reference file (deploy/parties/*.json) through libs/reference-data; a bad entry stops
 * start-up naming the file, the entry and the field.
 */
export function readPartySeed(path: string): PartyRecord[] {
  const { parties } = readPartyFile(path);
  const problems = parties.flatMap((party, index) =>
    party.roles
      .filter((role) => !KNOWN_ROLES.has(`PARTY_ROLE_${role}`))
      .map((role) => `parties[${index}] (${party.key ?? party.oin}) .roles: unknown role ${role}`),
  );
  if (problems.length > 0)
    throw new ReferenceDataError(
      path,
      problems.map((problem) => `${path}: ${problem}`),
    );
  return parties.map((party) => ({
    oin: party.oin,
    name: party.name,
    roles: party.roles.map((role) => `PARTY_ROLE_${role}`),
    subUnits: (party.subUnits ?? []).map((subUnit) => ({ ...subUnit })),
  }));
}
