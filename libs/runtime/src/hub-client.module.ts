import { type DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { PARTY_REGISTRY_CONTRACT } from '@welkom/contracts';
import type { PartyRegistryServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/party_registry';
import { createClientCredentials, createGrpcClient, loadMtlsMaterial } from '@welkom/grpc';
import type { ChannelCredentials } from '@grpc/grpc-js';
import type { HealthProbe } from '@welkom/observability';

export const HUB_PARTY_REGISTRY = Symbol('HUB_PARTY_REGISTRY');

export interface HubClientOptions {
  hubAddress: string;
  /** The hub's OIN: the server certificate must carry it (pinning, not only a valid chain). */
  hubOin: string;
  caCertificatePath: string;
  certificatePath: string;
  privateKeyPath: string;
}

const HUB_CALL_TIMEOUT_MS = 3_000;

/** mTLS to the hub with the connector's own certificate, the hub pinned by its OIN. */
export function hubChannelCredentials(options: HubClientOptions): ChannelCredentials {
  return createClientCredentials(
    loadMtlsMaterial({
      caCertificatePath: options.caCertificatePath,
      certificatePath: options.certificatePath,
      privateKeyPath: options.privateKeyPath,
    }),
    { expectedServerOin: options.hubOin },
  );
}

/** An agency connector is only useful while the hub knows it: the probe asks the hub who we are. */
@Injectable()
export class HubConnectionProbe implements HealthProbe {
  readonly name = 'hub';

  constructor(@Inject(HUB_PARTY_REGISTRY) private readonly registry: PartyRegistryServiceClient) {}

  async check(): Promise<Record<string, unknown>> {
    const { party } = await firstValueFrom(this.registry.getCallerParty({}).pipe(timeout(HUB_CALL_TIMEOUT_MS)));
    return { knownAs: party?.name, oin: party?.reference?.oin };
  }
}

@Module({})
export class HubClientModule {
  static forRoot(options: HubClientOptions): DynamicModule {
    return {
      module: HubClientModule,
      global: true,
      providers: [
        {
          provide: HUB_PARTY_REGISTRY,
          useFactory: () => {
            const client: ClientGrpc = createGrpcClient(PARTY_REGISTRY_CONTRACT, options.hubAddress, hubChannelCredentials(options));
            return client.getService<PartyRegistryServiceClient>(PARTY_REGISTRY_CONTRACT.service);
          },
        },
        HubConnectionProbe,
      ],
      exports: [HUB_PARTY_REGISTRY, HubConnectionProbe],
    };
  }
}
