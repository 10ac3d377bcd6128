import { type DynamicModule, Module } from '@nestjs/common';
import { oinFromCertificateFile } from '@welkom/grpc';
import { HubClientModule, HubConnectionProbe, serviceInfrastructure } from '@welkom/runtime';
import { UNIVERSITY_MIGRATIONS } from './migrations';
import { UNIVERSITY_CONFIG, type UniversityConfig } from './university.config';

export const UNIVERSITY_SERVICE_NAME = 'university';

@Module({})
export class UniversityModule {
  static forRoot(config: UniversityConfig): DynamicModule {
    const hubClient = HubClientModule.forRoot({
      hubAddress: config.HUB_GRPC_ADDRESS,
      caCertificatePath: config.TLS_CA_FILE,
      certificatePath: config.TLS_CERT_FILE,
      privateKeyPath: config.TLS_KEY_FILE,
    });
    return {
      module: UniversityModule,
      imports: serviceInfrastructure({
        serviceName: UNIVERSITY_SERVICE_NAME,
        config,
        partyOin: oinFromCertificateFile(config.TLS_CERT_FILE),
        entities: [],
        migrations: UNIVERSITY_MIGRATIONS,
        extraProbes: { probes: [HubConnectionProbe], imports: [hubClient] },
      }),
      providers: [{ provide: UNIVERSITY_CONFIG, useValue: config }],
    };
  }
}
