import { Controller } from '@nestjs/common';
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
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
import { callerOinFromCall } from '@welkom/grpc';
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

type Call = ServerUnaryCall<unknown, unknown>;

@Controller()
@EvidenceServiceControllerMethods()
export class EvidenceExchangeGrpcController implements EvidenceServiceController {
  constructor(
    private readonly issuing: EvidenceIssueService,
    private readonly requests: EvidenceRequestService,
    private readonly catalogue: EvidenceCatalogue,
  ) {}

  async issueEvidence(request: IssueEvidenceRequest, _metadata?: Metadata, call?: Call): Promise<IssueEvidenceResponse> {
    return toIssueResponse(await this.issuing.issue(callerOinFromCall(call as Call), issueEvidenceCommand(request.evidence, this.catalogue, 'grpc')));
  }

  async revokeEvidence(request: RevokeEvidenceRequest, _metadata?: Metadata, call?: Call): Promise<RevokeEvidenceResponse> {
    return toRevokeResponse(await this.issuing.revoke(callerOinFromCall(call as Call), revokeEvidenceCommand(request, this.catalogue)));
  }

  async requestEvidence(request: RequestEvidenceRequest, _metadata?: Metadata, call?: Call): Promise<RequestEvidenceResponse> {
    return toRequestEvidenceResponse(await this.requests.request(callerOinFromCall(call as Call), requestEvidenceCommand(request, this.catalogue)));
  }

  async getEvidenceRequest(request: GetEvidenceRequestRequest, _metadata?: Metadata, call?: Call): Promise<GetEvidenceRequestResponse> {
    return toGetEvidenceRequestResponse(await this.requests.getRequest(callerOinFromCall(call as Call), requestIdCommand(request)));
  }

  async listOpenEvidenceRequests(request: ListOpenEvidenceRequestsRequest, _metadata?: Metadata, call?: Call): Promise<ListOpenEvidenceRequestsResponse> {
    return { requests: (await this.requests.listOpen(callerOinFromCall(call as Call), pageSizeCommand(request))).map(toOpenRequest) };
  }
}
