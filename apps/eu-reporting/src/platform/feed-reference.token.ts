/** The feed's reference data (`FeedReference`), loaded and checked once at start. */
export const FEED_REFERENCE = Symbol('FEED_REFERENCE');
