import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import {
  type AuditServiceController,
  AuditServiceControllerMethods,
  type ListSubjectAccessRequest,
  type ListSubjectAccessResponse,
  type RecordDeadLetterReplayRequest,
  type RecordDeadLetterReplayResponse,
  type VerifyAuditChainRequest,
  type VerifyAuditChainResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { AnyCaller, type Caller, type CallingOperator, CallerOperator, callerOperatorRequired, callerRequired } from '@welkom/grpc';
import { deadLetterReplayCommand, subjectAccessCommand, verifyChainCommand } from './audit.command';
import { toSubjectAccessResponse, toVerifyResponse } from './audit.mapper';
import { AuditService } from './audit.service';

@Controller()
@AuditServiceControllerMethods()
export class AuditGrpcController implements AuditServiceController {
  constructor(private readonly audit: AuditService) {}

  async verifyAuditChain(
    @Payload() request: VerifyAuditChainRequest,
    _metadata?: Metadata,
    @AnyCaller() caller: Caller = callerRequired(),
  ): Promise<VerifyAuditChainResponse> {
    return toVerifyResponse(await this.audit.verifyChain(caller, verifyChainCommand(request)));
  }

  async listSubjectAccess(
    @Payload() request: ListSubjectAccessRequest,
    _metadata?: Metadata,
    @CallerOperator() operator: CallingOperator = callerOperatorRequired(),
  ): Promise<ListSubjectAccessResponse> {
    return toSubjectAccessResponse(await this.audit.subjectAccess(operator, subjectAccessCommand(request)));
  }

  async recordDeadLetterReplay(
    @Payload() request: RecordDeadLetterReplayRequest,
    _metadata?: Metadata,
    @CallerOperator() operator: CallingOperator = callerOperatorRequired(),
  ): Promise<RecordDeadLetterReplayResponse> {
    const recorded = await this.audit.recordDeadLetterReplay(operator, deadLetterReplayCommand(request));
    return { operatorId: recorded.operatorId, auditSequence: recorded.sequence };
  }
}
