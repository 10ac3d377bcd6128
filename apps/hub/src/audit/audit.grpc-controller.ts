import { Controller } from '@nestjs/common';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import {
  type AuditServiceController,
  AuditServiceControllerMethods,
  type ListSubjectAccessRequest,
  type ListSubjectAccessResponse,
  type VerifyAuditChainRequest,
  type VerifyAuditChainResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { callerOinFromCall } from '@welkom/grpc';
import { subjectAccessCommand } from './audit.command';
import { toSubjectAccessResponse, toVerifyResponse } from './audit.mapper';
import { AuditService } from './audit.service';

type Call = ServerUnaryCall<unknown, unknown>;

@Controller()
@AuditServiceControllerMethods()
export class AuditGrpcController implements AuditServiceController {
  constructor(private readonly audit: AuditService) {}

  async verifyAuditChain(_request: VerifyAuditChainRequest, _metadata?: Metadata, call?: Call): Promise<VerifyAuditChainResponse> {
    return toVerifyResponse(await this.audit.verifyChain(callerOinFromCall(call as Call)));
  }

  async listSubjectAccess(request: ListSubjectAccessRequest, _metadata?: Metadata, call?: Call): Promise<ListSubjectAccessResponse> {
    return toSubjectAccessResponse(await this.audit.subjectAccess(callerOinFromCall(call as Call), subjectAccessCommand(request)));
  }
}
