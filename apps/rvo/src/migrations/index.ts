import { RvoStartUpAdvice1765200000000 } from './1765200000000-rvo-start-up-advice';

/** In order. Never edit a committed migration: add a new one. */
export const RVO_MIGRATIONS = [RvoStartUpAdvice1765200000000];
