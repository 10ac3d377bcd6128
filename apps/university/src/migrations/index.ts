import { PARTY_AUDIT_MIGRATIONS } from '@welkom/runtime';
import { UniversityConnector1764100000001 } from './1764100000001-university-connector';
import { PushedEvidenceCommitment1765300000001 } from './1765300000001-pushed-evidence-commitment';

/** In order. Never edit a committed migration: add a new one. */
export const UNIVERSITY_MIGRATIONS = [UniversityConnector1764100000001, PushedEvidenceCommitment1765300000001, ...PARTY_AUDIT_MIGRATIONS];
