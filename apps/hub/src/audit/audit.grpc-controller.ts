import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import {
  type AuditServiceController,
  AuditServiceControllerMethods,
  type ListSubjectAccessRequest,
  type ListSubjectAccessResponse,
  type VerifyAuditChainRequest,
  type VerifyAuditChainResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { CallerOin, callerOinRequired } from '@welkom/grpc';
import { subjectAccessCommand, verifyChainCommand } from './audit.command';
import { toSubjectAccessResponse, toVerifyResponse } from './audit.mapper';
import { AuditService } from './audit.service';

@Controller()
@AuditServiceControllerMethods()
export class AuditGrpcController implements AuditServiceController {
  constructor(private readonly audit: AuditService) {}

  async verifyAuditChain(
    @Payload() request: VerifyAuditChainRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<VerifyAuditChainResponse> {
    return toVerifyResponse(await this.audit.verifyChain(caller, verifyChainCommand(request)));
  }

  async listSubjectAccess(
    @Payload() request: ListSubjectAccessRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ListSubjectAccessResponse> {
    return toSubjectAccessResponse(await this.audit.subjectAccess(caller, subjectAccessCommand(request)));
  }
}
