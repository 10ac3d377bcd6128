import { TalentFeedState1764200000000 } from './1764200000000-talent-feed-state';

/** In order. Never edit a committed migration: add a new one. */
export const EU_REPORTING_MIGRATIONS = [TalentFeedState1764200000000];
