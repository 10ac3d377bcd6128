import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import {
  type GetLabourMarketAdviceRequest,
  type GetLabourMarketAdviceResponse,
  type LabourMarketAdviceServiceController,
  LabourMarketAdviceServiceControllerMethods,
  type RequestLabourMarketAdviceRequest,
  type RequestLabourMarketAdviceResponse,
} from '@welkom/contracts/generated/welkom/ind/v1/labour_market_advice';
import { CallerOin, callerOinRequired } from '@welkom/grpc';
import { applicationRefCommand } from '../applications/application-intake.command';
import { requestLabourMarketAdviceCommand } from './labour-market-advice.command';
import { toLabourMarketAdvice } from './labour-market-advice.mapper';
import { LabourMarketAdviceService } from './labour-market-advice.service';

/** The IND's caseworkers ask UWV for GVVA advice and read it; the IND's own certificate only (checked in the service). */
@Controller()
@LabourMarketAdviceServiceControllerMethods()
export class LabourMarketAdviceGrpcController implements LabourMarketAdviceServiceController {
  constructor(private readonly advice: LabourMarketAdviceService) {}

  async requestLabourMarketAdvice(
    @Payload() request: RequestLabourMarketAdviceRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<RequestLabourMarketAdviceResponse> {
    const result = await this.advice.request(caller, requestLabourMarketAdviceCommand(request));
    return { advice: toLabourMarketAdvice(result.advice), alreadyRequested: result.alreadyRequested };
  }

  async getLabourMarketAdvice(
    @Payload() request: GetLabourMarketAdviceRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<GetLabourMarketAdviceResponse> {
    return { advice: toLabourMarketAdvice(await this.advice.get(caller, applicationRefCommand(request))) };
  }
}
