import { readFileSync } from 'node:fs';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { TopicDefinition } from '@welkom/events';

interface PartyDirectoryFile {
  parties: { oin: string; roles: string[] }[];
}

const KNOWN_ROLES = new Set<string>(Object.values(PartyRole).filter((role) => role !== PartyRole.PARTY_ROLE_UNSPECIFIED));
const OIN = /^\d{20}$/;

/**
 * Which roles each party holds, from the party reference data (deploy/parties/*.json, roles written without
 * the PARTY_ROLE_ prefix). Consumers ask it whether the party that signed an event may publish its type.
 */
export class PartyDirectory {
  private constructor(private readonly roles: ReadonlyMap<string, ReadonlySet<PartyRole>>) {}

  /** A bad entry stops start-up with its position, as the hub's own party seed does. */
  static fromFile(path: string): PartyDirectory {
    let file: PartyDirectoryFile;
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as PartyDirectoryFile;
    } catch (error) {
      throw new Error(`Cannot read the party directory ${path}: ${(error as Error).message}`, { cause: error });
    }
    if (!Array.isArray(file?.parties)) throw new Error(`${path}: expected { "parties": [...] }`);
    return PartyDirectory.fromEntries(
      file.parties.map((party, index) => {
        if (!OIN.test(String(party.oin))) throw new Error(`${path}: parties[${index}].oin is not a 20-digit OIN`);
        const roles = (party.roles ?? []).map((role) => `PARTY_ROLE_${role}`);
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

  mayPublish(oin: string, topic: Pick<TopicDefinition<unknown>, 'publisherRoles'>): boolean {
    const roles = this.rolesOf(oin);
    return topic.publisherRoles.some((role) => roles.has(role));
  }
}
