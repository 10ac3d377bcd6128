import { Controller } from '@nestjs/common';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
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
import { callerOinFromCall } from '@welkom/grpc';
import { ConnectorService } from '../connectors/connector.service';
import { PartyRegistryService } from './party-registry.service';

type Call = ServerUnaryCall<unknown, unknown>;

@Controller()
@PartyRegistryServiceControllerMethods()
export class PartyRegistryGrpcController implements PartyRegistryServiceController {
  constructor(
    private readonly registry: PartyRegistryService,
    private readonly connectors: ConnectorService,
  ) {}

  async getCallerParty(_request: GetCallerPartyRequest, _metadata?: Metadata, call?: Call): Promise<GetCallerPartyResponse> {
    return { party: await this.registry.callerParty(callerOinFromCall(call as Call)) };
  }

  async listParties(request: ListPartiesRequest, _metadata?: Metadata, call?: Call): Promise<ListPartiesResponse> {
    await this.registry.callerParty(callerOinFromCall(call as Call));
    return { parties: await this.registry.listParties(request.role) };
  }

  async listConnectors(_request: ListConnectorsRequest, _metadata?: Metadata, call?: Call): Promise<ListConnectorsResponse> {
    await this.registry.callerParty(callerOinFromCall(call as Call));
    return { connectors: await this.connectors.list() };
  }
}
