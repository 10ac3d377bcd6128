import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import {
  type EvidenceServiceController,
  EvidenceServiceControllerMethods,
  type GetEvidenceRequestRequest,
  type GetEvidenceRequestResponse,
  type IssueEvidenceRequest,
  type IssueEvidenceResponse,
  type ListOpenEvidenceRequestsRequest,
  type ListOpenEvidenceRequestsResponse,
  type RequestEvidenceRequest,
  type RequestEvidenceResponse,
  type RevokeEvidenceRequest,
  type RevokeEvidenceResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { CallerOin, callerOinRequired } from '@welkom/grpc';
import { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import { pageSizeCommand, requestEvidenceCommand, requestIdCommand } from '../evidence-requests/evidence-request.command';
import { EvidenceRequestService } from '../evidence-requests/evidence-request.service';
import { issueEvidenceCommand, revokeEvidenceCommand } from './evidence-issue.command';
import { EvidenceIssueService } from './evidence-issue.service';
import {
  toGetEvidenceRequestResponse,
  toIssueResponse,
  toOpenRequest,
  toRequestEvidenceResponse,
  toRevokeResponse,
} from './evidence-exchange.mapper';

@Controller()
@EvidenceServiceControllerMethods()
export class EvidenceExchangeGrpcController implements EvidenceServiceController {
  constructor(
    private readonly issuing: EvidenceIssueService,
    private readonly requests: EvidenceRequestService,
    private readonly catalogue: EvidenceCatalogue,
  ) {}

  async issueEvidence(
    @Payload() request: IssueEvidenceRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<IssueEvidenceResponse> {
    return toIssueResponse(await this.issuing.issue(caller, issueEvidenceCommand(request.evidence, this.catalogue, 'grpc')));
  }

  async revokeEvidence(
    @Payload() request: RevokeEvidenceRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<RevokeEvidenceResponse> {
    return toRevokeResponse(await this.issuing.revoke(caller, revokeEvidenceCommand(request, this.catalogue)));
  }

  async requestEvidence(
    @Payload() request: RequestEvidenceRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<RequestEvidenceResponse> {
    return toRequestEvidenceResponse(await this.requests.request(caller, requestEvidenceCommand(request, this.catalogue)));
  }

  async getEvidenceRequest(
    @Payload() request: GetEvidenceRequestRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<GetEvidenceRequestResponse> {
    return toGetEvidenceRequestResponse(await this.requests.getRequest(caller, requestIdCommand(request)));
  }

  async listOpenEvidenceRequests(
    @Payload() request: ListOpenEvidenceRequestsRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ListOpenEvidenceRequestsResponse> {
    return { requests: (await this.requests.listOpen(caller, pageSizeCommand(request))).map(toOpenRequest) };
  }
}
