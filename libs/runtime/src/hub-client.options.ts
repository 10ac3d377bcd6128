import type { HubClientConfig, ServiceConfig } from '@welkom/config';
import { readPartyFile } from '@welkom/reference-data';
import type { HubClientOptions } from './hub-client.module';

/** The role of the party that runs the hub in the party list (deploy/parties). */
const HUB_ROLE = 'HUB_OPERATOR';

/**
 * The hub's OIN, from the party list the service already trusts for event signers: the one party with the
 * hub role. A list without exactly one stops start-up, because a connector must know whom it is talking to.
 */
export function hubOinOf(partyDirectoryFile: string): string {
  const hubs = readPartyFile(partyDirectoryFile).parties.filter((party) => party.roles.includes(HUB_ROLE));
  if (hubs.length !== 1) {
    throw new Error(`${partyDirectoryFile}: expected exactly one party with the ${HUB_ROLE} role (the hub), found ${hubs.length}`);
  }
  return hubs[0].oin;
}

/**
 * How an agency connector reaches the hub: its own certificate for mTLS, and the hub pinned by OIN, so a
 * server with any other party's certificate of the same CA is refused at the handshake.
 */
export function hubClientOptionsOf(config: ServiceConfig & HubClientConfig): HubClientOptions {
  return {
    hubAddress: config.HUB_GRPC_ADDRESS,
    hubOin: hubOinOf(config.PARTY_DIRECTORY_FILE),
    caCertificatePath: config.TLS_CA_FILE,
    certificatePath: config.TLS_CERT_FILE,
    privateKeyPath: config.TLS_KEY_FILE,
  };
}
