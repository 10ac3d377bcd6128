import { Controller, UseGuards } from '@nestjs/common';
import {
  type AdviseEssentialEmployeeRequest,
  type AdviseEssentialEmployeeResponse,
  type AssessStartUpRequest,
  type ScoreSelfEmployedRequest,
  type ScoreSelfEmployedResponse,
  type AssessStartUpResponse,
  type StartUpAdviceServiceController,
  StartUpAdviceServiceControllerMethods,
} from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { adviseEssentialEmployeeCommand } from '../essential-personnel/essential-employee-advice.command';
import { toAdviseEssentialEmployeeResponse } from '../essential-personnel/essential-employee-advice.mapper';
import { EssentialEmployeeAdviceService } from '../essential-personnel/essential-employee-advice.service';
import { OwnBackOfficeGuard } from '../own-back-office.guard';
import { scoreSelfEmployedCommand } from '../self-employed/self-employed-score.command';
import { toScoreSelfEmployedResponse } from '../self-employed/self-employed-score.mapper';
import { SelfEmployedScoreService } from '../self-employed/self-employed-score.service';
import { assessStartUpCommand } from './start-up-advice.command';
import { toAssessStartUpResponse } from './start-up-advice.mapper';
import { StartUpAdviceService } from './start-up-advice.service';

/** RVO's assessors record their judgement on a start-up or an essential employee; RVO's own certificate only (OwnBackOfficeGuard). */
@Controller()
@UseGuards(OwnBackOfficeGuard)
@StartUpAdviceServiceControllerMethods()
export class StartUpAdviceGrpcController implements StartUpAdviceServiceController {
  constructor(
    private readonly advice: StartUpAdviceService,
    private readonly essentialPersonnel: EssentialEmployeeAdviceService,
    private readonly selfEmployed: SelfEmployedScoreService,
  ) {}

  async assessStartUp(request: AssessStartUpRequest): Promise<AssessStartUpResponse> {
    return toAssessStartUpResponse(await this.advice.assess(assessStartUpCommand(request)));
  }

  async adviseEssentialEmployee(request: AdviseEssentialEmployeeRequest): Promise<AdviseEssentialEmployeeResponse> {
    return toAdviseEssentialEmployeeResponse(await this.essentialPersonnel.advise(adviseEssentialEmployeeCommand(request)));
  }

  async scoreSelfEmployed(request: ScoreSelfEmployedRequest): Promise<ScoreSelfEmployedResponse> {
    return toScoreSelfEmployedResponse(await this.selfEmployed.score(scoreSelfEmployedCommand(request)));
  }
}
