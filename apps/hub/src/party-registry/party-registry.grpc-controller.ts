import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import {
  type GetCallerPartyRequest,
  type GetCallerPartyResponse,
  type ListConnectorsRequest,
  type ListConnectorsResponse,
  type ListPartiesRequest,
  type ListPartiesResponse,
  type PartyRegistryServiceController,
  PartyRegistryServiceControllerMethods,
} from '@welkom/contracts/generated/welkom/hub/v1/party_registry';
import { CallerOin, callerOinRequired } from '@welkom/grpc';
import { ConnectorService } from '../connectors/connector.service';
import { PartyRegistryService } from './party-registry.service';

@Controller()
@PartyRegistryServiceControllerMethods()
export class PartyRegistryGrpcController implements PartyRegistryServiceController {
  constructor(
    private readonly registry: PartyRegistryService,
    private readonly connectors: ConnectorService,
  ) {}

  async getCallerParty(
    @Payload() _request: GetCallerPartyRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<GetCallerPartyResponse> {
    return { party: await this.registry.callerParty(caller) };
  }

  async listParties(
    @Payload() request: ListPartiesRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ListPartiesResponse> {
    await this.registry.callerParty(caller);
    return { parties: await this.registry.listParties(request.role) };
  }

  async listConnectors(
    @Payload() _request: ListConnectorsRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ListConnectorsResponse> {
    await this.registry.callerParty(caller);
    return { connectors: await this.connectors.list() };
  }
}
