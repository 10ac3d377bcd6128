import { type DynamicModule, Module } from '@nestjs/common';
import { oinFromCertificateFile } from '@welkom/grpc';
import { serviceInfrastructure } from '@welkom/runtime';
import { ConnectorEntity } from './connectors/connector.entity';
import { ConnectorEventConsumer } from './connectors/connector.event-consumer';
import { ConnectorRepository } from './connectors/connector.repository';
import { ConnectorService } from './connectors/connector.service';
import { HUB_CONFIG, type HubConfig } from './hub.config';
import { HUB_MIGRATIONS } from './migrations';
import { PartyEntity } from './party-registry/party.entity';
import { PartyRegistryGrpcController } from './party-registry/party-registry.grpc-controller';
import { PartyRegistryService } from './party-registry/party-registry.service';
import { PartyRepository } from './party-registry/party.repository';

export const HUB_SERVICE_NAME = 'hub';

@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubModule,
      imports: serviceInfrastructure({
        serviceName: HUB_SERVICE_NAME,
        config,
        partyOin: oinFromCertificateFile(config.TLS_CERT_FILE),
        entities: [PartyEntity, ConnectorEntity],
        migrations: HUB_MIGRATIONS,
      }),
      controllers: [PartyRegistryGrpcController, ConnectorEventConsumer],
      providers: [
        { provide: HUB_CONFIG, useValue: config },
        PartyRepository,
        PartyRegistryService,
        ConnectorRepository,
        ConnectorService,
      ],
    };
  }
}
