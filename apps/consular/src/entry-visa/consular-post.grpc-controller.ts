import { Controller, UseGuards } from '@nestjs/common';
import {
  type CaseStepRequest,
  type ConsularPostServiceController,
  ConsularPostServiceControllerMethods,
  type GetMvvCaseRequest,
  type IssueMvvRequest,
  type MvvCaseResponse,
  type OfferSlotRequest,
} from '@welkom/contracts/generated/welkom/consular/v1/consular_post';
import { OwnBackOfficeGuard } from '../own-back-office.guard';
import { toMvvCase } from './mvv-case.mapper';
import { caseStepCommand, issueMvvCommand, offerSlotCommand } from './mvv-leg.command';
import { MvvLegService } from './mvv-leg.service';

/** The posts' back office (only the consular service's own certificate, OwnBackOfficeGuard). */
@Controller()
@UseGuards(OwnBackOfficeGuard)
@ConsularPostServiceControllerMethods()
export class ConsularPostGrpcController implements ConsularPostServiceController {
  constructor(private readonly legs: MvvLegService) {}

  async offerSlot(request: OfferSlotRequest): Promise<MvvCaseResponse> {
    return { mvvCase: toMvvCase(await this.legs.offer(offerSlotCommand(request))) };
  }

  async bookAppointment(request: CaseStepRequest): Promise<MvvCaseResponse> {
    return { mvvCase: toMvvCase(await this.legs.book(caseStepCommand(request))) };
  }

  async recordBiometrics(request: CaseStepRequest): Promise<MvvCaseResponse> {
    return { mvvCase: toMvvCase(await this.legs.captureBiometrics(caseStepCommand(request))) };
  }

  async issueMvv(request: IssueMvvRequest): Promise<MvvCaseResponse> {
    const command = issueMvvCommand(request);
    return { mvvCase: toMvvCase(await this.legs.issue(command.applicationRef, command.visaStickerNumber)) };
  }

  async recordEntry(request: CaseStepRequest): Promise<MvvCaseResponse> {
    return { mvvCase: toMvvCase(await this.legs.recordEntry(caseStepCommand(request))) };
  }

  async reportPurposeChange(request: CaseStepRequest): Promise<MvvCaseResponse> {
    return { mvvCase: toMvvCase(await this.legs.reportPurposeChange(caseStepCommand(request))) };
  }

  async getMvvCase(request: GetMvvCaseRequest): Promise<MvvCaseResponse> {
    return { mvvCase: toMvvCase(await this.legs.get(caseStepCommand(request))) };
  }
}
