import { type DynamicModule, Module } from '@nestjs/common';
import { EVIDENCE_EXCHANGE_CONTRACT } from '@welkom/contracts';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { createClientCredentials, createGrpcClient, loadMtlsMaterial } from '@welkom/grpc';

export const HUB_EVIDENCE_SERVICE = Symbol('HUB_EVIDENCE_SERVICE');

export interface HubEvidenceClientOptions {
  hubAddress: string;
  caCertificatePath: string;
  certificatePath: string;
  privateKeyPath: string;
}

/**
 * The hub's EvidenceService as the IND calls it: over mTLS with the IND's own certificate, so the hub knows
 * the requester from the certificate and checks the IND's grants. The channel is made lazily, on first use.
 */
@Module({})
export class HubEvidenceClientModule {
  static forRoot(options: HubEvidenceClientOptions): DynamicModule {
    return {
      module: HubEvidenceClientModule,
      global: true,
      providers: [
        {
          provide: HUB_EVIDENCE_SERVICE,
          useFactory: (): EvidenceServiceClient => {
            const credentials = createClientCredentials(
              loadMtlsMaterial({
                caCertificatePath: options.caCertificatePath,
                certificatePath: options.certificatePath,
                privateKeyPath: options.privateKeyPath,
              }),
            );
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
