import { Controller } from '@nestjs/common';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import {
  type ApplicationIntakeServiceController,
  ApplicationIntakeServiceControllerMethods,
  type ExtendDecisionPeriodRequest,
  type ExtendDecisionPeriodResponse,
  type FileApplicationRequest,
  type FileApplicationResponse,
  type GetApplicationRequest,
  type GetApplicationResponse,
  type ListApplicationsRequest,
  type ListApplicationsResponse,
  type WithdrawApplicationRequest,
  type WithdrawApplicationResponse,
} from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { callerOinFromCall } from '@welkom/grpc';
import { applicationRefCommand, extensionCommand, fileApplicationCommand, pageCommand } from './application-intake.command';
import { ApplicationIntakeService } from './application-intake.service';
import { toApplication, toFileApplicationResponse, toListApplicationsResponse } from './application.mapper';

type Call = ServerUnaryCall<unknown, unknown>;

/** The IND's intake over gRPC; the caller is the party of its client certificate. */
@Controller()
@ApplicationIntakeServiceControllerMethods()
export class ApplicationIntakeGrpcController implements ApplicationIntakeServiceController {
  constructor(private readonly intake: ApplicationIntakeService) {}

  async fileApplication(request: FileApplicationRequest, _metadata?: Metadata, call?: Call): Promise<FileApplicationResponse> {
    return toFileApplicationResponse(await this.intake.file(callerOinFromCall(call as Call), fileApplicationCommand(request)));
  }

  async getApplication(request: GetApplicationRequest, _metadata?: Metadata, call?: Call): Promise<GetApplicationResponse> {
    return { application: toApplication(await this.intake.get(callerOinFromCall(call as Call), applicationRefCommand(request))) };
  }

  async listApplications(request: ListApplicationsRequest, _metadata?: Metadata, call?: Call): Promise<ListApplicationsResponse> {
    return toListApplicationsResponse(await this.intake.list(callerOinFromCall(call as Call), pageCommand(request)));
  }

  async withdrawApplication(request: WithdrawApplicationRequest, _metadata?: Metadata, call?: Call): Promise<WithdrawApplicationResponse> {
    return { application: toApplication(await this.intake.withdraw(callerOinFromCall(call as Call), applicationRefCommand(request))) };
  }

  async extendDecisionPeriod(request: ExtendDecisionPeriodRequest, _metadata?: Metadata, call?: Call): Promise<ExtendDecisionPeriodResponse> {
    return { application: toApplication(await this.intake.extend(callerOinFromCall(call as Call), extensionCommand(request))) };
  }
}
