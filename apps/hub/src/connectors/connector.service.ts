import { Injectable } from '@nestjs/common';
import type { Connector } from '@welkom/contracts/generated/welkom/hub/v1/party_registry';
import type { ConnectorStarted } from '@welkom/contracts/generated/welkom/platform/v1/connector_status';
import type { EventEnvelope } from '@welkom/events';
import { invalidRequest } from '../grants/grant.command';
import { HubError } from '../hub.errors';
import { ConnectorRepository } from './connector.repository';

function toTimestamp(date: Date): { seconds: string; nanos: number } {
  const ms = date.getTime();
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
}

function fromTimestamp(timestamp: { seconds: string; nanos: number } | undefined): Date | null {
  if (!timestamp) return null;
  return new Date(Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000));
}

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
    if (!event.service || !startedAt) {
      throw invalidRequest([
        ...(event.service ? [] : [{ field: 'service', description: 'must not be empty' }]),
        ...(startedAt ? [] : [{ field: 'started_at', description: 'is required' }]),
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
