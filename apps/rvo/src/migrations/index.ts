import { PARTY_AUDIT_MIGRATIONS } from '@welkom/runtime';
import { RvoStartUpAdvice1765200000000 } from './1765200000000-rvo-start-up-advice';
import { RvoEssentialEmployeeAdvice1765200000001 } from './1765200000001-rvo-essential-employee-advice';
import { RvoVerifiedEvidence1765200000002 } from './1765200000002-rvo-verified-evidence';
import { RvoSelfEmployedScore1765200000003 } from './1765200000003-rvo-self-employed-score';
import { RvoFacilitatorRegister1765200000004 } from './1765200000004-rvo-facilitator-register';
import { RvoRelocationReferral1765250000000 } from './1765250000000-rvo-relocation-referral';
import { RvoSelfEmployedEvidence1765450000000 } from './1765450000000-rvo-self-employed-evidence';

/** In order. Never edit a committed migration: add a new one. */
export const RVO_MIGRATIONS = [
  RvoStartUpAdvice1765200000000,
  RvoEssentialEmployeeAdvice1765200000001,
  RvoVerifiedEvidence1765200000002,
  RvoSelfEmployedScore1765200000003,
  RvoFacilitatorRegister1765200000004,
  RvoRelocationReferral1765250000000,
  RvoSelfEmployedEvidence1765450000000,
  // The hub checkpoints this party countersigned, and its alarms (issue 12; shared by every connector).
  ...PARTY_AUDIT_MIGRATIONS,
];
