import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { TOPICS } from '@welkom/events';
import { EventPublisher } from '@welkom/messaging';

/** The version operators see in ListConnectors: the package version, or what the deployment says it runs. */
export const SOFTWARE_VERSION = process.env.npm_package_version ?? '0.1.0';

/**
 * Tells the hub (and anyone with a grant) that this connector is up and which version it runs. It records
 * no state change of the announcing service, so it is published directly, not through the outbox.
 */
export async function announceConnector(
  app: INestApplication,
  announcement: { serviceName: string; partyOin: string; grpcAddress: string },
): Promise<void> {
  const now = Date.now();
  await app.get(EventPublisher).publish(TOPICS.connectorStarted, {
    service: announcement.serviceName,
    party: { oin: announcement.partyOin, subUnit: '' },
    version: SOFTWARE_VERSION,
    startedAt: { seconds: String(Math.floor(now / 1000)), nanos: (now % 1000) * 1_000_000 },
    grpcAddress: announcement.grpcAddress,
  });
  new Logger('Connector').log(`Announced ${announcement.serviceName} on ${TOPICS.connectorStarted.name}`);
}
