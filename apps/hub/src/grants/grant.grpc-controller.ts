import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
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
import { CallerOin, callerOinRequired } from '@welkom/grpc';
import { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import { createGrantCommand, endGrantCommand } from './grant.command';
import { toGrantMessage } from './grant.mapper';
import { GrantService } from './grant.service';

@Controller()
@GrantServiceControllerMethods()
export class GrantGrpcController implements GrantServiceController {
  constructor(
    private readonly grants: GrantService,
    private readonly catalogue: EvidenceCatalogue,
  ) {}

  async listMyGrants(
    @Payload() _request: ListMyGrantsRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ListMyGrantsResponse> {
    return { grants: (await this.grants.listMine(caller)).map(toGrantMessage) };
  }

  async listGrants(
    @Payload() request: ListGrantsRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ListGrantsResponse> {
    return { grants: (await this.grants.listAll(caller, this.catalogue.find(request.evidenceType)?.type ?? null)).map(toGrantMessage) };
  }

  async createGrant(
    @Payload() request: CreateGrantRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<CreateGrantResponse> {
    return { grant: toGrantMessage(await this.grants.create(caller, createGrantCommand(request, this.catalogue))) };
  }

  async endGrant(
    @Payload() request: EndGrantRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<EndGrantResponse> {
    return { grant: toGrantMessage(await this.grants.end(caller, endGrantCommand(request))) };
  }
}
