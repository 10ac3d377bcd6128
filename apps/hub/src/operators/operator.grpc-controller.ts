import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import {
  type OperatorServiceController,
  OperatorServiceControllerMethods,
  type RevokeOperatorRequest,
  type RevokeOperatorResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/operator';
import { type CallingOperator, CallerOperator, callerOperatorRequired } from '@welkom/grpc';
import { toTimestamp } from '@welkom/platform';
import { revokeOperatorCommand } from './operator.command';
import { OperatorService } from './operator.service';

@Controller()
@OperatorServiceControllerMethods()
export class OperatorGrpcController implements OperatorServiceController {
  constructor(private readonly operators: OperatorService) {}

  async revokeOperator(
    @Payload() request: RevokeOperatorRequest,
    _metadata?: Metadata,
    @CallerOperator() operator: CallingOperator = callerOperatorRequired(),
  ): Promise<RevokeOperatorResponse> {
    const result = await this.operators.revoke(operator, revokeOperatorCommand(request));
    const { revocation } = result;
    return {
      revocation: {
        operatorId: revocation.operatorId,
        operatorName: result.operatorName,
        revokedAt: toTimestamp(revocation.revokedAt),
        revokedBy: revocation.revokedBy,
        revokedByName: result.revokedByName,
        reason: revocation.reason,
        auditSequence: revocation.auditSequence,
      },
      alreadyRevoked: result.alreadyRevoked,
    };
  }
}
