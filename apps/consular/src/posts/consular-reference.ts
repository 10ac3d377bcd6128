import { bundledMvvTimeLimitReference, type MvvTimeLimitReference } from '../entry-visa/mvv-time-limit.reference';
import { bundledConsularPostReference, type ConsularPostReference } from './consular-post.reference';

/** All reference data the consular service runs on, loaded and checked once at start. */
export class ConsularReference {
  constructor(
    readonly limits: MvvTimeLimitReference,
    readonly posts: ConsularPostReference,
  ) {}

  static bundled(): ConsularReference {
    return new ConsularReference(bundledMvvTimeLimitReference(), bundledConsularPostReference());
  }
}
