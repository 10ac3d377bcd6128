import { ConsularMvvCases1765100000000 } from './1765100000000-consular-mvv-cases';

/** In order. Never edit a committed migration: add a new one. */
export const CONSULAR_MIGRATIONS = [ConsularMvvCases1765100000000];
