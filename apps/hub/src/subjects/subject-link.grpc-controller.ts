import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import {
  type LinkSubjectIdentifiersRequest,
  type LinkSubjectIdentifiersResponse,
  type SubjectLinkServiceController,
  SubjectLinkServiceControllerMethods,
  type UnlinkSubjectIdentifiersRequest,
  type UnlinkSubjectIdentifiersResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/subject_link';
import { CallerOin, callerOinRequired } from '@welkom/grpc';
import { toTimestamp } from '@welkom/platform';
import { linkIdentifiersCommand, unlinkIdentifierCommand } from './subject-link.command';
import { SubjectLinkService } from './subject-link.service';

@Controller()
@SubjectLinkServiceControllerMethods()
export class SubjectLinkGrpcController implements SubjectLinkServiceController {
  constructor(private readonly links: SubjectLinkService) {}

  async linkSubjectIdentifiers(
    @Payload() request: LinkSubjectIdentifiersRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<LinkSubjectIdentifiersResponse> {
    const outcome = await this.links.link(caller, linkIdentifiersCommand(request));
    return {
      subject: { pseudonym: outcome.subjectPseudonym },
      alreadyLinked: outcome.alreadyLinked,
      merged: outcome.mergedPseudonym ? { pseudonym: outcome.mergedPseudonym } : undefined,
      linkedAt: toTimestamp(outcome.linkedAt),
    };
  }

  async unlinkSubjectIdentifiers(
    @Payload() request: UnlinkSubjectIdentifiersRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<UnlinkSubjectIdentifiersResponse> {
    const outcome = await this.links.unlink(caller, unlinkIdentifierCommand(request));
    return { subject: { pseudonym: outcome.subjectPseudonym }, unlinkedAt: toTimestamp(outcome.unlinkedAt) };
  }
}
