import { Controller, UseGuards } from '@nestjs/common';
import {
  type FileApplicationRequest,
  type FileApplicationResponse,
  type GetApplicationRequest,
  type GetApplicationResponse,
  type InternationalOfficeServiceController,
  InternationalOfficeServiceControllerMethods,
  type ListApplicationsRequest,
  type ListApplicationsResponse,
  type PushEvidenceBatchRequest,
  type PushEvidenceBatchResponse,
  type PushEvidenceRequest,
  type PushEvidenceResponse,
  type ReportChangeRequest,
  type ReportChangeResponse,
  type WithdrawApplicationRequest,
  type WithdrawApplicationResponse,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { applicationReferenceCommand, fileApplicationCommand, pageCommand } from './applications/application-filing.command';
import { ApplicationFilingService } from './applications/application-filing.service';
import { toFileApplicationResponse, toListResponse, toSponsoredApplication } from './applications/sponsored-application.mapper';
import { changeReportCommand } from './duty-to-notify/change-report.command';
import { toReportChangeResponse } from './duty-to-notify/change-report.mapper';
import { ChangeReportService } from './duty-to-notify/change-report.service';
import { pushBatchCommand, pushItemCommand } from './evidence-push/evidence-push.command';
import { batchResponse, singleResult } from './evidence-push/evidence-push.mapper';
import { EvidencePushService } from './evidence-push/evidence-push.service';
import { OwnBackOfficeGuard } from './own-back-office.guard';

/**
 * The international office's back office. Only this university may call it (OwnBackOfficeGuard); the
 * connector acts with the university's own certificate towards the hub and the IND.
 */
@Controller()
@UseGuards(OwnBackOfficeGuard)
@InternationalOfficeServiceControllerMethods()
export class InternationalOfficeGrpcController implements InternationalOfficeServiceController {
  constructor(
    private readonly push: EvidencePushService,
    private readonly filing: ApplicationFilingService,
    private readonly changes: ChangeReportService,
  ) {}

  async pushEvidence(request: PushEvidenceRequest): Promise<PushEvidenceResponse> {
    return singleResult(await this.push.push([pushItemCommand(request.item)]));
  }

  async pushEvidenceBatch(request: PushEvidenceBatchRequest): Promise<PushEvidenceBatchResponse> {
    return batchResponse(await this.push.push(pushBatchCommand(request.items)));
  }

  async fileApplication(request: FileApplicationRequest): Promise<FileApplicationResponse> {
    return toFileApplicationResponse(await this.filing.file(fileApplicationCommand(request)));
  }

  async getApplication(request: GetApplicationRequest): Promise<GetApplicationResponse> {
    return { application: toSponsoredApplication(await this.filing.get(applicationReferenceCommand(request))) };
  }

  async listApplications(request: ListApplicationsRequest): Promise<ListApplicationsResponse> {
    return toListResponse(await this.filing.list(pageCommand(request)));
  }

  async withdrawApplication(request: WithdrawApplicationRequest): Promise<WithdrawApplicationResponse> {
    return { application: toSponsoredApplication(await this.filing.withdraw(applicationReferenceCommand(request))) };
  }

  async reportChange(request: ReportChangeRequest): Promise<ReportChangeResponse> {
    return toReportChangeResponse(await this.changes.report(changeReportCommand(request)));
  }
}
