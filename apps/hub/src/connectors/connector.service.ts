import { Injectable } from '@nestjs/common';
import type { Connector } from '@welkom/contracts/generated/welkom/hub/v1/party_registry';
import type { ConnectorStarted } from '@welkom/contracts/generated/welkom/platform/v1/connector_status';
import type { EventEnvelope } from '@welkom/events';
import { fromTimestamp, toTimestamp } from '@welkom/platform';
import { invalidRequest } from '../grants/grant.command';
import { HubError } from '../hub.errors';
import { ConnectorRepository } from './connector.repository';

@Injectable()
export class ConnectorService {
  constructor(private readonly connectors: ConnectorRepository) {}

  /** A connector may only announce itself: the party in the event must be the party that signed it. */
  async recordStarted(event: ConnectorStarted, envelope: EventEnvelope): Promise<void> {
    const partyOin = event.party?.oin ?? '';
    if (partyOin !== envelope.sourcePartyOin) {
      throw new HubError('FOREIGN_ANNOUNCEMENT', `Party ${envelope.sourcePartyOin} announced a connector of party ${partyOin}`);
    }
    const startedAt = fromTimestamp(event.startedAt);
    if (!event.service || !(startedAt instanceof Date)) {
      throw invalidRequest([
        ...(event.service ? [] : [{ field: 'service', description: 'must not be empty' }]),
        ...(startedAt === undefined ? [{ field: 'started_at', description: 'is required' }] : []),
        ...(startedAt === 'invalid' ? [{ field: 'started_at', description: 'must be a valid timestamp' }] : []),
      ]);
    }
    await this.connectors.recordAnnouncement({
      partyOin,
      service: event.service,
      version: event.version,
      grpcAddress: event.grpcAddress,
      startedAt,
      lastEventId: envelope.eventId,
    });
  }

  async list(): Promise<Connector[]> {
    return (await this.connectors.list()).map((row) => ({
      service: row.service,
      party: { oin: row.partyOin, subUnit: '' },
      version: row.version,
      startedAt: toTimestamp(row.startedAt),
      grpcAddress: row.grpcAddress,
    }));
  }
}
