/**
 * The services of Welkom Hub: what `npm start` runs (in this order: agency connectors need the hub) and what the
 * Kubernetes manifests deploy. `role` is the party role a service acts for (deploy/parties, without the
 * PARTY_ROLE_ prefix): the broker's ACLs give a party the READ rights of the services of its roles, and the
 * development PKI gives serverAuth only to parties holding a role some service serves gRPC for.
 * Lives in a lib because the development broker (its ACLs) and PKI are set up here; deploy/services.ts re-exports it.
 */
export interface WelkomService {
  /** The app under apps/, and the service name in consumer groups (`<name>.<party OIN>`). */
  readonly name: string;
  readonly role: string;
  /** The development party `npm start` runs it as (deploy/parties/dev-parties.json key). */
  readonly devParty: string;
  /** Services whose HTTP port this one reads (their address comes in `<NAME>_HTTP_URL`, {@link httpUrlVariableOf}). */
  readonly readsHttpOf?: readonly string[];
}

/** The setting that gives a service another's HTTP base URL: `eu-reporting` → `EU_REPORTING_HTTP_URL`. */
export function httpUrlVariableOf(serviceName: string): string {
  return `${serviceName.toUpperCase().replace(/-/g, '_')}_HTTP_URL`;
}

export const WELKOM_SERVICES: readonly WelkomService[] = [
  { name: 'hub', role: 'HUB_OPERATOR', devParty: 'hub' },
  { name: 'ind', role: 'IND', devParty: 'ind' },
  { name: 'university', role: 'UNIVERSITY', devParty: 'university-leiden' },
  { name: 'eu-reporting', role: 'EU_REPORTING', devParty: 'eu-reporting' },
  { name: 'rvo', role: 'RVO', devParty: 'rvo' },
  { name: 'consular', role: 'CONSULAR_POST', devParty: 'consular' },
  { name: 'uwv', role: 'UWV', devParty: 'uwv' },
  // Last: it reads the HTTP figures of the services before it (scripts/start.ts passes their addresses).
  { name: 'console', role: 'OPERATIONS_CONSOLE', devParty: 'console', readsHttpOf: ['hub', 'ind', 'consular', 'eu-reporting'] },
];
