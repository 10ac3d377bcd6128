import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { EvidenceCatalogueEntry } from '../catalogue/evidence-catalogue';
import type { PartyRecord } from '../party-registry/party.repository';

/**
 * Only the authoritative source may issue: a party holding one of the type's source roles, and for types
 * that need it (enrolment, hosting) one that is also a recognised sponsor (erkend referent).
 */
export function issuerRefusal(
  entry: EvidenceCatalogueEntry,
  party: PartyRecord,
): 'NOT_AUTHORITATIVE_SOURCE' | 'NOT_RECOGNISED_SPONSOR' | null {
  if (!entry.sourceRoles.some((role) => party.roles.includes(role))) return 'NOT_AUTHORITATIVE_SOURCE';
  if (entry.requiresRecognisedSponsor && !party.roles.includes(PartyRole.PARTY_ROLE_RECOGNISED_SPONSOR)) return 'NOT_RECOGNISED_SPONSOR';
  return null;
}

/** The evidence types a party is the authoritative source for. */
export function typesIssuableBy(entries: readonly EvidenceCatalogueEntry[], party: PartyRecord): EvidenceCatalogueEntry[] {
  return entries.filter((entry) => issuerRefusal(entry, party) === null);
}
