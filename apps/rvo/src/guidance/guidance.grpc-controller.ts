import { Controller } from '@nestjs/common';
import {
  type GetGuidanceRequest,
  type GetGuidanceResponse,
  type PointOfEntryServiceController,
  PointOfEntryServiceControllerMethods,
} from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { guidanceCommand } from './guidance.command';
import { toGuidanceResponse } from './guidance.mapper';
import { GuidanceService } from './guidance.service';

/** Guidance for any party of the chain (a university or employer guiding a newcomer). */
@Controller()
@PointOfEntryServiceControllerMethods()
export class GuidanceGrpcController implements PointOfEntryServiceController {
  constructor(private readonly guidance: GuidanceService) {}

  async getGuidance(request: GetGuidanceRequest): Promise<GetGuidanceResponse> {
    return toGuidanceResponse(await this.guidance.guidance(guidanceCommand(request)));
  }
}
