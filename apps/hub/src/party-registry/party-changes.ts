import type { PartyRecord } from './party.repository';

/** A party the seed file adds or changes, as the audit trail records it. */
export interface PartyChange {
  oin: string;
  action: 'PARTY_REGISTERED' | 'PARTY_CHANGED';
  /** What it is now: name, roles and sub-unit codes. */
  summary: string;
}

/**
 * What loading `seed` over `stored` changes (issue 12: party changes are audited). Parties only the database knows are
 * left alone by the load, so they are no change; a party whose name, roles and sub-units are as stored is none either.
 */
export function partyChanges(stored: readonly PartyRecord[], seed: readonly PartyRecord[]): PartyChange[] {
  const byOin = new Map(stored.map((party) => [party.oin.trim(), party]));
  return seed.flatMap((party): PartyChange[] => {
    const before = byOin.get(party.oin);
    if (before !== undefined && describe(before) === describe(party)) return [];
    return [{ oin: party.oin, action: before === undefined ? 'PARTY_REGISTERED' : 'PARTY_CHANGED', summary: describe(party) }];
  });
}

function describe(party: PartyRecord): string {
  const roles = [...party.roles].sort().join(',');
  const units = party.subUnits
    .map((unit) => `${unit.code}=${unit.name}`)
    .sort()
    .join(',');
  return `${party.name}; roles ${roles}${units === '' ? '' : `; sub-units ${units}`}`;
}
