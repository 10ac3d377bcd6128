import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { TopicDefinition } from '@welkom/events';
import { readPartyFile } from '@welkom/reference-data';

const KNOWN_ROLES = new Set<string>(Object.values(PartyRole).filter((role) => role !== PartyRole.PARTY_ROLE_UNSPECIFIED));

/**
 * Which roles each party holds, from the party reference data (deploy/parties/*.json, roles written without
 * the PARTY_ROLE_ prefix). Consumers ask it whether the party that signed an event may publish its type.
 */
export class PartyDirectory {
  private constructor(private readonly roles: ReadonlyMap<string, ReadonlySet<PartyRole>>) {}

  /**
   * Reads the file through libs/reference-data, as the hub's party seed does, so a bad entry stops start-up
   * naming file, entry and field; a role the contract does not know is refused the same way.
   */
  static fromFile(path: string): PartyDirectory {
    return PartyDirectory.fromEntries(
      readPartyFile(path).parties.map((party, index) => {
        const roles = party.roles.map((role) => `PARTY_ROLE_${role}`);
        const unknown = roles.filter((role) => !KNOWN_ROLES.has(role));
        if (unknown.length > 0) throw new Error(`${path}: parties[${index}] has unknown roles ${unknown.join(', ')}`);
        return { oin: party.oin, roles: roles as PartyRole[] };
      }),
    );
  }

  static fromEntries(entries: { oin: string; roles: readonly PartyRole[] }[]): PartyDirectory {
    return new PartyDirectory(new Map(entries.map((entry) => [entry.oin, new Set(entry.roles)])));
  }

  rolesOf(oin: string): ReadonlySet<PartyRole> {
    return this.roles.get(oin) ?? new Set();
  }

  /** The OINs of the parties holding `role`, e.g. the one UWV a request for wage evidence is routed to. */
  partiesWithRole(role: PartyRole): string[] {
    return [...this.roles.entries()].filter(([, roles]) => roles.has(role)).map(([oin]) => oin);
  }

  mayPublish(oin: string, topic: Pick<TopicDefinition<unknown>, 'publisherRoles'>): boolean {
    const roles = this.rolesOf(oin);
    return topic.publisherRoles.some((role) => roles.has(role));
  }
}
