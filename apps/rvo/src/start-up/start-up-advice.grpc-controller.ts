import { Controller, UseGuards } from '@nestjs/common';
import {
  type AssessStartUpRequest,
  type AssessStartUpResponse,
  type StartUpAdviceServiceController,
  StartUpAdviceServiceControllerMethods,
} from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { OwnBackOfficeGuard } from '../own-back-office.guard';
import { assessStartUpCommand } from './start-up-advice.command';
import { toAssessStartUpResponse } from './start-up-advice.mapper';
import { StartUpAdviceService } from './start-up-advice.service';

/** RVO's assessors record their judgement on a start-up; RVO's own certificate only (OwnBackOfficeGuard). */
@Controller()
@UseGuards(OwnBackOfficeGuard)
@StartUpAdviceServiceControllerMethods()
export class StartUpAdviceGrpcController implements StartUpAdviceServiceController {
  constructor(private readonly advice: StartUpAdviceService) {}

  async assessStartUp(request: AssessStartUpRequest): Promise<AssessStartUpResponse> {
    return toAssessStartUpResponse(await this.advice.assess(assessStartUpCommand(request)));
  }
}
