import { PARTY_AUDIT_MIGRATIONS } from '@welkom/runtime';
import { IndCases1764100000000 } from './1764100000000-ind-cases';
import { IndKnowledgeMigrants1765000000000 } from './1765000000000-knowledge-migrants';
import { IndMvvEntry1765100000001 } from './1765100000001-ind-mvv-entry';
import { IndCollectionPoint1765150000000 } from './1765150000000-ind-collection-point';
import { IndArrivalFacts1765250000001 } from './1765250000001-ind-arrival-facts';
import { IndLabourMarketAdvice1765300000001 } from './1765300000001-ind-labour-market-advice';
import { IndSelfApplicantsAndFamilies1765400000000 } from './1765400000000-ind-self-applicants-and-families';

/** In order. Never edit a committed migration: add a new one. */
export const IND_MIGRATIONS = [
  IndCases1764100000000,
  IndKnowledgeMigrants1765000000000,
  IndMvvEntry1765100000001,
  IndCollectionPoint1765150000000,
  IndArrivalFacts1765250000001,
  IndLabourMarketAdvice1765300000001,
  IndSelfApplicantsAndFamilies1765400000000,
  // The hub checkpoints this party countersigned, and its alarms (issue 12; shared by every connector).
  ...PARTY_AUDIT_MIGRATIONS,
];
