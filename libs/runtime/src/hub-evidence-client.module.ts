import { type DynamicModule, Module } from '@nestjs/common';
import { EVIDENCE_EXCHANGE_CONTRACT } from '@welkom/contracts';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { createGrpcClient } from '@welkom/grpc';
import { hubChannelCredentials, type HubClientOptions } from './hub-client.module';

export const HUB_EVIDENCE_SERVICE = Symbol('HUB_EVIDENCE_SERVICE');

/**
 * The hub's EvidenceService as an agency connector calls it: over mTLS with the connector's own certificate,
 * so the hub knows the caller from the certificate — as requester it checks the caller's grants, as issuer
 * that it is the authoritative source. The channel is made lazily, on first use.
 */
@Module({})
export class HubEvidenceClientModule {
  static forRoot(options: HubClientOptions): DynamicModule {
    return {
      module: HubEvidenceClientModule,
      global: true,
      providers: [
        {
          provide: HUB_EVIDENCE_SERVICE,
          useFactory: (): EvidenceServiceClient => {
            const credentials = hubChannelCredentials(options);
            return createGrpcClient(EVIDENCE_EXCHANGE_CONTRACT, options.hubAddress, credentials).getService<EvidenceServiceClient>(
              EVIDENCE_EXCHANGE_CONTRACT.service,
            );
          },
        },
      ],
      exports: [HUB_EVIDENCE_SERVICE],
    };
  }
}
