import { IndCases1764100000000 } from './1764100000000-ind-cases';

/** In order. Never edit a committed migration: add a new one. */
export const IND_MIGRATIONS = [IndCases1764100000000];
