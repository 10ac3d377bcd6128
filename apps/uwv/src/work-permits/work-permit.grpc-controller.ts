import { Controller, UseGuards } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { Payload } from '@nestjs/microservices';
import {
  type ApplyForWorkPermitRequest,
  type ApplyForWorkPermitResponse,
  type GetWorkPermitCaseRequest,
  type GetWorkPermitCaseResponse,
  type RecordPrioritySupplyRequest,
  type RecordPrioritySupplyResponse,
  type ReportVacancyRequest,
  type ReportVacancyResponse,
  type WorkPermitServiceController,
  WorkPermitServiceControllerMethods,
} from '@welkom/contracts/generated/welkom/uwv/v1/work_permits';
import { CallerOin, callerOinRequired } from '@welkom/grpc';
import { referenceId } from '@welkom/validation';
import { EmployerGuard } from '../employer.guard';
import { UwvBackOfficeGuard } from '../uwv-back-office.guard';
import { UwvError } from '../uwv.errors';
import { LabourMarketCaseService } from './labour-market-case.service';
import { applyForWorkPermitCommand, MAX_REFERENCE_CHARS, recordPrioritySupplyCommand, reportVacancyCommand } from './work-permit.command';
import { toWorkPermitCase } from './work-permit.mapper';

const applicationReference = referenceId(MAX_REFERENCE_CHARS);

/** Employers' back offices apply for work permits (TWV) and report vacancies, each with its own certificate. */
@Controller()
@WorkPermitServiceControllerMethods()
export class WorkPermitGrpcController implements WorkPermitServiceController {
  constructor(private readonly cases: LabourMarketCaseService) {}

  @UseGuards(EmployerGuard)
  async reportVacancy(
    @Payload() request: ReportVacancyRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ReportVacancyResponse> {
    const command = reportVacancyCommand(request);
    const result = await this.cases.reportVacancy(caller, command);
    return { vacancyReference: command.vacancyReference, reportedOn: result.reportedOn, alreadyReported: result.alreadyReported };
  }

  @UseGuards(EmployerGuard)
  async applyForWorkPermit(
    @Payload() request: ApplyForWorkPermitRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ApplyForWorkPermitResponse> {
    const applied = await this.cases.apply(caller, applyForWorkPermitCommand(request));
    return { workPermitCase: toWorkPermitCase(applied.labourMarketCase), alreadyApplied: applied.alreadyApplied };
  }

  @UseGuards(EmployerGuard)
  async getWorkPermitCase(
    @Payload() request: GetWorkPermitCaseRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<GetWorkPermitCaseResponse> {
    const reference = applicationReference.safeParse(request.applicationReference);
    if (!reference.success) {
      throw new UwvError('INVALID_REQUEST', 'The request is invalid', {
        fieldViolations: [{ field: 'application_reference', description: reference.error.issues[0]?.message ?? 'is invalid' }],
      });
    }
    return { workPermitCase: toWorkPermitCase(await this.cases.get(caller, reference.data)) };
  }

  @UseGuards(UwvBackOfficeGuard)
  async recordPrioritySupply(@Payload() request: RecordPrioritySupplyRequest): Promise<RecordPrioritySupplyResponse> {
    const command = recordPrioritySupplyCommand(request);
    return this.cases.recordPrioritySupply(command.employerOin, command.vacancyReference, command.suitableCandidates);
  }
}
