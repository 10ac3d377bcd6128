import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
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
import { CallerOin, callerOinRequired } from '@welkom/grpc';
import { applicationRefCommand, extensionCommand, fileApplicationCommand, pageCommand } from './application-intake.command';
import { ApplicationIntakeService } from './application-intake.service';
import { toApplication, toFileApplicationResponse, toListApplicationsResponse } from './application.mapper';

/** The IND's intake over gRPC; the caller is the party of its client certificate. */
@Controller()
@ApplicationIntakeServiceControllerMethods()
export class ApplicationIntakeGrpcController implements ApplicationIntakeServiceController {
  constructor(private readonly intake: ApplicationIntakeService) {}

  async fileApplication(
    @Payload() request: FileApplicationRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<FileApplicationResponse> {
    return toFileApplicationResponse(await this.intake.file(caller, fileApplicationCommand(request)));
  }

  async getApplication(
    @Payload() request: GetApplicationRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<GetApplicationResponse> {
    return { application: toApplication(await this.intake.get(caller, applicationRefCommand(request))) };
  }

  async listApplications(
    @Payload() request: ListApplicationsRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ListApplicationsResponse> {
    return toListApplicationsResponse(await this.intake.list(caller, pageCommand(request)));
  }

  async withdrawApplication(
    @Payload() request: WithdrawApplicationRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<WithdrawApplicationResponse> {
    return { application: toApplication(await this.intake.withdraw(caller, applicationRefCommand(request))) };
  }

  async extendDecisionPeriod(
    @Payload() request: ExtendDecisionPeriodRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ExtendDecisionPeriodResponse> {
    return { application: toApplication(await this.intake.extend(caller, extensionCommand(request))) };
  }
}
