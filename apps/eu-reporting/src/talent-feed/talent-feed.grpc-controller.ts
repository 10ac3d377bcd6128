import { Controller } from '@nestjs/common';
import { defer, from, mergeMap, type Observable } from 'rxjs';
import {
  type StreamFeedRequest,
  type StreamFeedResponse,
  type TalentFeedServiceController,
  TalentFeedServiceControllerMethods,
} from '@welkom/contracts/generated/welkom/reporting/v1/talent_feed';
import { feedStreamCommandOf } from './feed-request.command';
import { TalentFeedService } from './talent-feed.service';

/**
 * The feed for connectors of the EU Talent Platform, over mTLS: any party with a certificate of the party CA
 * may read it (aggregate figures, small cells protected by the same policy as every other output).
 */
@Controller()
@TalentFeedServiceControllerMethods()
export class TalentFeedGrpcController implements TalentFeedServiceController {
  constructor(private readonly feeds: TalentFeedService) {}

  streamFeed(request: StreamFeedRequest): Observable<StreamFeedResponse> {
    return defer(() => this.feeds.stream(feedStreamCommandOf(request))).pipe(mergeMap((entries) => from(entries)));
  }
}
