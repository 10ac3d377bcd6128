import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { HttpErrorFilter } from '@welkom/runtime';
import { toCentreUptakeJson, type CentreUptakeJson } from './relocation-referral.mapper';
import { uptakeQuery } from './relocation-uptake.command';
import { RelocationReferralService } from './relocation-referral.service';

/** `GET /relocation/centres[?month=YYYY-MM]`: each welcome centre's referrals in the month against its capacity. */
@Controller('relocation')
@UseFilters(HttpErrorFilter)
export class RelocationHttpController {
  constructor(private readonly referrals: RelocationReferralService) {}

  @Get('centres')
  async centres(
    @Query() query: Record<string, unknown>,
  ): Promise<{ month: string; centreTableVersion: string; capacityTableVersion: string; centres: CentreUptakeJson[] }> {
    const uptake = await this.referrals.uptake(uptakeQuery(query));
    return { ...uptake, centres: uptake.centres.map(toCentreUptakeJson) };
  }
}
