import { randomBytes } from 'node:crypto';
import type { ServiceRun, ServiceUnderTest } from '@welkom/testing';
import type { DemoSystem } from '../scripts/demo/demo-system';
import { addressesFor, startServices } from '../scripts/start-services';

/**
 * Every service `npm start` runs, from the very list and in the order the start script uses
 * (scripts/start-services.ts): the shipped parties, grants and reference data, each service given the addresses
 * of those started before it as `npm start` gives them. Fills `services` by service name as they come up, so a
 * spec's closures over the map see each one.
 */
export async function startShippedSystem(run: ServiceRun, services: Map<string, ServiceUnderTest>): Promise<void> {
  // A secret of the run's own, as a fresh checkout has: pseudonyms and seals never meet another spec's.
  const secret = `shipped-${randomBytes(16).toString('hex')}`;
  for (const service of startServices(() => secret)) {
    services.set(
      service.name,
      await run.start({
        app: service.name,
        party: service.party,
        env: { ...service.env, ...addressesFor(service, services) },
        readyTimeoutMs: 240_000,
      }),
    );
  }
}

/** The started system as the demo (and any back office) reaches it: what `npm start` writes to running-system.json. */
export function demoSystemOf(run: ServiceRun, services: ReadonlyMap<string, ServiceUnderTest>): DemoSystem {
  return {
    services: Object.fromEntries(
      [...services].map(([name, service]) => [name, { grpc: service.grpcAddress, http: service.httpAddress, env: service.env }]),
    ),
    kafkaBrokers: run.infrastructure.kafkaBrokers,
    kafkaTls: run.infrastructure.kafkaTls,
    caCertificatePath: run.infrastructure.certificates.caCertificatePath,
    parties: run.infrastructure.certificates.parties,
  };
}
