import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { HttpErrorFilter, type HttpResponse } from '@welkom/runtime';
import { feedOptionsFromHttpQuery } from './feed-request.command';
import { TalentFeedService, type FeedDocument, type FeedStatus } from './talent-feed.service';

/** The body exactly as rendered (no JSON re-serialisation), so it matches `npm run feed` byte for byte. */
function send(response: HttpResponse, document: FeedDocument): void {
  response.status(200).type(document.contentType).send(document.body);
}

/** `GET /feed?format=json|sdmx-csv|table|svg&from=YYYY&to=YYYY&…` and `GET /feed/status`. */
@Controller('feed')
@UseFilters(HttpErrorFilter)
export class TalentFeedHttpController {
  constructor(private readonly feeds: TalentFeedService) {}

  @Get()
  async feed(@Query() query: Record<string, unknown>, @Res() response: HttpResponse): Promise<void> {
    send(response, await this.feeds.render(feedOptionsFromHttpQuery(query)));
  }

  @Get('status')
  status(): Promise<FeedStatus> {
    return this.feeds.status();
  }
}
