import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { HttpErrorFilter, type HttpResponse } from '@welkom/runtime';
import { guidanceCommandFromHttpQuery } from './guidance.command';
import { renderGuidancePage } from './guidance-page.renderer';
import { GuidanceService } from './guidance.service';

/** `GET /guidance?category=…&nationality=…[&situation=…][&subject=subj_…]`: the Point of Entry's page. */
@Controller('guidance')
@UseFilters(HttpErrorFilter)
export class GuidanceHttpController {
  constructor(private readonly guidance: GuidanceService) {}

  @Get()
  async page(@Query() query: Record<string, unknown>, @Res() response: HttpResponse): Promise<void> {
    const answer = await this.guidance.guidance(guidanceCommandFromHttpQuery(query));
    response.status(200).type('text/html; charset=utf-8').send(renderGuidancePage(answer, 'Your steps to the Netherlands'));
  }
}
