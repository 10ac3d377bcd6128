import { Controller, UseGuards } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { Payload } from '@nestjs/microservices';
import { CallerParty, callerPartyRequired, type CallingParty } from '@welkom/grpc';
import {
  type BookAppointmentRequest,
  type BookAppointmentResponse,
  type ConsularPostServiceController,
  ConsularPostServiceControllerMethods,
  type GetMvvCaseRequest,
  type GetMvvCaseResponse,
  type IssueMvvRequest,
  type IssueMvvResponse,
  type OfferSlotRequest,
  type OfferSlotResponse,
  type RecordBiometricsRequest,
  type RecordBiometricsResponse,
  type RecordEntryRequest,
  type RecordEntryResponse,
  type ReportPurposeChangeRequest,
  type ReportPurposeChangeResponse,
} from '@welkom/contracts/generated/welkom/consular/v1/consular_post';
import { OwnBackOfficeGuard } from '../own-back-office.guard';
import { toMvvCase } from './mvv-case.mapper';
import { caseStepCommand, issueMvvCommand, offerSlotCommand, postStepCommand } from './mvv-leg.command';
import { actingPost } from './mvv-leg.decision';
import { MvvLegService } from './mvv-leg.service';

/**
 * The posts' back office (only the consular service's own certificates, OwnBackOfficeGuard). Booking, biometrics
 * and issue are a post's acts: the post is the caller's certificate (OU), never a request field.
 */
@Controller()
@UseGuards(OwnBackOfficeGuard)
@ConsularPostServiceControllerMethods()
export class ConsularPostGrpcController implements ConsularPostServiceController {
  constructor(private readonly legs: MvvLegService) {}

  async offerSlot(request: OfferSlotRequest): Promise<OfferSlotResponse> {
    return { mvvCase: toMvvCase(await this.legs.offer(offerSlotCommand(request))) };
  }

  async bookAppointment(
    @Payload() request: BookAppointmentRequest,
    _metadata?: Metadata,
    @CallerParty() caller: CallingParty = callerPartyRequired(),
  ): Promise<BookAppointmentResponse> {
    const command = postStepCommand(request);
    return { mvvCase: toMvvCase(await this.legs.book(command.applicationRef, actingPost(caller, command.post))) };
  }

  async recordBiometrics(
    @Payload() request: RecordBiometricsRequest,
    _metadata?: Metadata,
    @CallerParty() caller: CallingParty = callerPartyRequired(),
  ): Promise<RecordBiometricsResponse> {
    const command = postStepCommand(request);
    return { mvvCase: toMvvCase(await this.legs.captureBiometrics(command.applicationRef, actingPost(caller, command.post))) };
  }

  async issueMvv(
    @Payload() request: IssueMvvRequest,
    _metadata?: Metadata,
    @CallerParty() caller: CallingParty = callerPartyRequired(),
  ): Promise<IssueMvvResponse> {
    const command = issueMvvCommand(request);
    const post = actingPost(caller, command.post);
    return { mvvCase: toMvvCase(await this.legs.issue(command.applicationRef, command.visaStickerNumber, post)) };
  }

  async recordEntry(request: RecordEntryRequest): Promise<RecordEntryResponse> {
    return { mvvCase: toMvvCase(await this.legs.recordEntry(caseStepCommand(request))) };
  }

  async reportPurposeChange(request: ReportPurposeChangeRequest): Promise<ReportPurposeChangeResponse> {
    return { mvvCase: toMvvCase(await this.legs.reportPurposeChange(caseStepCommand(request))) };
  }

  async getMvvCase(request: GetMvvCaseRequest): Promise<GetMvvCaseResponse> {
    return { mvvCase: toMvvCase(await this.legs.get(caseStepCommand(request))) };
  }
}
