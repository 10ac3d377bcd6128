import { PARTY_AUDIT_MIGRATIONS } from '@welkom/runtime';
import { ConsularMvvCases1765100000000 } from './1765100000000-consular-mvv-cases';
import { ConsularCollectionPoint1765150000001 } from './1765150000001-consular-collection-point';

/** In order. Never edit a committed migration: add a new one. */
export const CONSULAR_MIGRATIONS = [ConsularMvvCases1765100000000, ConsularCollectionPoint1765150000001, ...PARTY_AUDIT_MIGRATIONS];
