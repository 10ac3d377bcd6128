import { type DynamicModule, Module } from '@nestjs/common';
import { oinFromCertificateFile } from '@welkom/grpc';
import { hubOinOf, serviceInfrastructure } from '@welkom/runtime';
import { BackboneRepository } from './backbone/backbone.repository';
import { CONSOLE_CONFIG, type ConsoleConfig, HUB_OIN } from './console.config';
import { CONSOLE_MIGRATIONS } from './migrations';
import { ConsoleApiHttpController } from './page/console-api.http-controller';
import { ConsolePageHttpController } from './page/console-page.http-controller';
import { ConsolePanelsService } from './panels/console-panels.service';
import { ServiceHttpRepository } from './upstream/service-http.repository';

export const CONSOLE_SERVICE_NAME = 'console';

/**
 * The operations console. Its database holds only what every service's messaging keeps (outbox, inbox): it has no
 * state of its own and never reads another service's database. It calls no gRPC of the hub either: the hub's
 * figures come from its /metrics, the audit anchors from the signed checkpoint topic.
 */
@Module({})
export class ConsoleModule {
  static forRoot(config: ConsoleConfig): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        ...serviceInfrastructure({
          serviceName: CONSOLE_SERVICE_NAME,
          config,
          partyOin: oinFromCertificateFile(config.TLS_CERT_FILE),
          entities: [],
          migrations: CONSOLE_MIGRATIONS,
        }),
      ],
      controllers: [ConsolePageHttpController, ConsoleApiHttpController],
      providers: [
        { provide: CONSOLE_CONFIG, useValue: config },
        // The party list names the one hub; only its signature makes a checkpoint believable.
        { provide: HUB_OIN, useValue: hubOinOf(config.PARTY_DIRECTORY_FILE) },
        ServiceHttpRepository,
        BackboneRepository,
        ConsolePanelsService,
      ],
    };
  }
}
