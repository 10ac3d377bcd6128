import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import {
  type ApproveGrantRequest,
  type ApproveGrantResponse,
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
import { CallerOin, callerOinRequired, type CallingOperator, CallerOperator, callerOperatorRequired } from '@welkom/grpc';
import { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import { approveGrantCommand, createGrantCommand, endGrantCommand } from './grant.command';
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
    @CallerOperator() operator: CallingOperator = callerOperatorRequired(),
  ): Promise<ListGrantsResponse> {
    return { grants: (await this.grants.listAll(operator, this.catalogue.find(request.evidenceType)?.type ?? null)).map(toGrantMessage) };
  }

  async createGrant(
    @Payload() request: CreateGrantRequest,
    _metadata?: Metadata,
    @CallerOperator() operator: CallingOperator = callerOperatorRequired(),
  ): Promise<CreateGrantResponse> {
    return { grant: toGrantMessage(await this.grants.propose(operator, createGrantCommand(request, this.catalogue))) };
  }

  async approveGrant(
    @Payload() request: ApproveGrantRequest,
    _metadata?: Metadata,
    @CallerOperator() operator: CallingOperator = callerOperatorRequired(),
  ): Promise<ApproveGrantResponse> {
    return { grant: toGrantMessage(await this.grants.approve(operator, approveGrantCommand(request))) };
  }

  async endGrant(
    @Payload() request: EndGrantRequest,
    _metadata?: Metadata,
    @CallerOperator() operator: CallingOperator = callerOperatorRequired(),
  ): Promise<EndGrantResponse> {
    return { grant: toGrantMessage(await this.grants.end(operator, endGrantCommand(request))) };
  }
}
