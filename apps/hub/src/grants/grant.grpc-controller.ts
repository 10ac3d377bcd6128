import { Controller } from '@nestjs/common';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import {
  type CreateGrantRequest,
  type CreateGrantResponse,
  type EndGrantRequest,
  type EndGrantResponse,
  type GrantServiceController,
  GrantServiceControllerMethods,
  type ListGrantsRequest,
  type ListGrantsResponse,
  type ListMyGrantsRequest,
  type ListMyGrantsResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/grant';
import { callerOinFromCall } from '@welkom/grpc';
import { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import { createGrantCommand, endGrantCommand } from './grant.command';
import { toGrantMessage } from './grant.mapper';
import { GrantService } from './grant.service';

type Call = ServerUnaryCall<unknown, unknown>;

@Controller()
@GrantServiceControllerMethods()
export class GrantGrpcController implements GrantServiceController {
  constructor(
    private readonly grants: GrantService,
    private readonly catalogue: EvidenceCatalogue,
  ) {}

  async listMyGrants(_request: ListMyGrantsRequest, _metadata?: Metadata, call?: Call): Promise<ListMyGrantsResponse> {
    return { grants: (await this.grants.listMine(callerOinFromCall(call as Call))).map(toGrantMessage) };
  }

  async listGrants(request: ListGrantsRequest, _metadata?: Metadata, call?: Call): Promise<ListGrantsResponse> {
    return { grants: (await this.grants.listAll(callerOinFromCall(call as Call), this.catalogue.find(request.evidenceType)?.type ?? null)).map(toGrantMessage) };
  }

  async createGrant(request: CreateGrantRequest, _metadata?: Metadata, call?: Call): Promise<CreateGrantResponse> {
    return { grant: toGrantMessage(await this.grants.create(callerOinFromCall(call as Call), createGrantCommand(request, this.catalogue))) };
  }

  async endGrant(request: EndGrantRequest, _metadata?: Metadata, call?: Call): Promise<EndGrantResponse> {
    return { grant: toGrantMessage(await this.grants.end(callerOinFromCall(call as Call), endGrantCommand(request))) };
  }
}
