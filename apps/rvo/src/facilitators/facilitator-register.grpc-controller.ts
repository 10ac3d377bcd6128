import { Controller, UseGuards } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { Payload } from '@nestjs/microservices';
import {
  type FacilitatorRegisterServiceController,
  FacilitatorRegisterServiceControllerMethods,
  type ListFacilitatorChangesRequest,
  type ListFacilitatorChangesResponse,
  type RecordFacilitatorRequest,
  type RecordFacilitatorResponse,
} from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { CallerOin, callerOinRequired } from '@welkom/grpc';
import { OwnBackOfficeGuard } from '../own-back-office.guard';
import { listFacilitatorChangesCommand, recordFacilitatorCommand } from './facilitator-register.command';
import { toChangeMessage, toStandingMessage } from './facilitator-register.mapper';
import { FacilitatorRegisterService } from './facilitator-register.service';

/** RVO's operators manage the facilitator register; RVO's own certificate only. */
@Controller()
@UseGuards(OwnBackOfficeGuard)
@FacilitatorRegisterServiceControllerMethods()
export class FacilitatorRegisterGrpcController implements FacilitatorRegisterServiceController {
  constructor(private readonly register: FacilitatorRegisterService) {}

  async recordFacilitator(
    @Payload() request: RecordFacilitatorRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<RecordFacilitatorResponse> {
    const { standing, change } = await this.register.record(caller, recordFacilitatorCommand(request));
    return { facilitator: toStandingMessage(standing), change: change === undefined ? undefined : toChangeMessage(change) };
  }

  async listFacilitatorChanges(request: ListFacilitatorChangesRequest): Promise<ListFacilitatorChangesResponse> {
    const { changes, chainIntact } = await this.register.changes(listFacilitatorChangesCommand(request));
    return { changes: changes.map(toChangeMessage), chainIntact };
  }
}
