import { Controller, UseGuards } from '@nestjs/common';
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
import { MvvLegService } from './mvv-leg.service';

/** The posts' back office (only the consular service's own certificate, OwnBackOfficeGuard). */
@Controller()
@UseGuards(OwnBackOfficeGuard)
@ConsularPostServiceControllerMethods()
export class ConsularPostGrpcController implements ConsularPostServiceController {
  constructor(private readonly legs: MvvLegService) {}

  async offerSlot(request: OfferSlotRequest): Promise<OfferSlotResponse> {
    return { mvvCase: toMvvCase(await this.legs.offer(offerSlotCommand(request))) };
  }

  async bookAppointment(request: BookAppointmentRequest): Promise<BookAppointmentResponse> {
    return { mvvCase: toMvvCase(await this.legs.book(caseStepCommand(request))) };
  }

  async recordBiometrics(request: RecordBiometricsRequest): Promise<RecordBiometricsResponse> {
    const command = postStepCommand(request);
    return { mvvCase: toMvvCase(await this.legs.captureBiometrics(command.applicationRef, command.post)) };
  }

  async issueMvv(request: IssueMvvRequest): Promise<IssueMvvResponse> {
    const command = issueMvvCommand(request);
    return { mvvCase: toMvvCase(await this.legs.issue(command.applicationRef, command.visaStickerNumber, command.post)) };
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
