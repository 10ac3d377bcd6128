import { PARTY_AUDIT_MIGRATIONS } from '@welkom/runtime';
import { UwvWageDeclarations1765050000000 } from './1765050000000-uwv-wage-declarations';
import { UwvWageEvidence1765050000001 } from './1765050000001-uwv-wage-evidence';
import { UwvWorkPermits1765300000000 } from './1765300000000-uwv-work-permits';
import { UwvWageEvidenceEmployer1765300000001 } from './1765300000001-uwv-wage-evidence-employer';

/** In order. Never edit a committed migration: add a new one. */
export const UWV_MIGRATIONS = [
  UwvWageDeclarations1765050000000,
  UwvWageEvidence1765050000001,
  UwvWorkPermits1765300000000,
  UwvWageEvidenceEmployer1765300000001,
  // The hub checkpoints this party countersigned, and its alarms (issue 12; shared by every connector).
  ...PARTY_AUDIT_MIGRATIONS,
];
