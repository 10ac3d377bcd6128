import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectorEntity } from './connector.entity';

@Injectable()
export class ConnectorRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Keeps the newest announcement per connector. Redelivered or out-of-order events are harmless: the row
   * only moves forward in time, so applying an event twice has the effect of applying it once.
   */
  async recordAnnouncement(connector: ConnectorEntity): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO connector (party_oin, service, version, grpc_address, started_at, last_event_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (party_oin, service) DO UPDATE
         SET version = EXCLUDED.version, grpc_address = EXCLUDED.grpc_address,
             started_at = EXCLUDED.started_at, last_event_id = EXCLUDED.last_event_id
         WHERE connector.started_at <= EXCLUDED.started_at`,
      [connector.partyOin, connector.service, connector.version, connector.grpcAddress, connector.startedAt, connector.lastEventId],
    );
  }

  async list(): Promise<ConnectorEntity[]> {
    return this.dataSource.getRepository(ConnectorEntity).find({ order: { startedAt: 'DESC' } });
  }
}
