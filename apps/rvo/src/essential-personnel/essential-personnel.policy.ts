import { addCalendarMonths } from '@welkom/platform';
import { assessInnovation, type InnovationFacts } from '../start-up/innovation.policy';
import type { InnovationRules } from '../start-up/start-up-rules.reference';
import type { EssentialPersonnelReasonCode, EssentialPersonnelRules } from './essential-personnel.reference';

/**
 * What UWV's WAGE_MEETS_THRESHOLD evidence says about the salary at the reduced criterion. Only the derived fact
 * ever reaches RVO, never the salary; `NOT_YET_ISSUED` while UWV has not answered.
 */
export type WageEvidence = 'MEETS' | 'DOES_NOT_MEET' | 'NOT_YET_ISSUED';

export interface EssentialPersonnelFacts {
  readonly receivedOn: string;
  readonly innovation: InnovationFacts;
  /** The start-up's employees before this hire. */
  readonly employeesBeforeHire: number;
  /** Permits of this type the start-up holds now (granted, not ended). */
  readonly permitsHeld: number;
  readonly participationPercent: number;
  readonly employmentStartsOn: string;
  /** The day the participation is obtained unconditionally. */
  readonly participationObtainedOn: string;
  readonly wage: WageEvidence;
}

export type EssentialPersonnelOutcome = 'POSITIVE' | 'NEGATIVE' | 'PENDING';

export interface EssentialPersonnelAdvice {
  readonly outcome: EssentialPersonnelOutcome;
  /** Grounds for NEGATIVE (refusals) or PENDING (the wage evidence awaited); empty when POSITIVE. */
  readonly reasonCodes: readonly EssentialPersonnelReasonCode[];
  readonly ruleVersion: string;
  /** The last day a permit under this pilot may run (the residence scheme's end); absent when no pilot applies. */
  readonly residenceSchemeUntil?: string;
}

/**
 * RVO's advice on one essential employee of a start-up (DOMAIN.md §1.7). A refusal ground beats the pending
 * wage evidence: waiting for UWV cannot turn a 6th permit into a 5th. Outside every pilot period the advice is
 * PILOT_NOT_IN_FORCE and nothing else is assessed.
 */
export function adviseOnEssentialEmployee(
  facts: EssentialPersonnelFacts,
  rules: EssentialPersonnelRules,
  innovationRules: InnovationRules,
): EssentialPersonnelAdvice {
  const pilot = rules.pilotAcceptingOn(facts.receivedOn);
  if (pilot === undefined) return { outcome: 'NEGATIVE', reasonCodes: ['PILOT_NOT_IN_FORCE'], ruleVersion: rules.version };

  const latestParticipation = addCalendarMonths(facts.employmentStartsOn, pilot.participationWithinMonths);
  const refusals: EssentialPersonnelReasonCode[] = [
    ...(assessInnovation(facts.innovation, innovationRules).innovative ? [] : (['START_UP_NOT_INNOVATIVE'] as const)),
    ...(facts.employeesBeforeHire + 1 > pilot.maxEmployees ? (['TOO_MANY_EMPLOYEES'] as const) : []),
    ...(facts.permitsHeld + 1 > pilot.maxPermitsPerStartUp ? (['PERMIT_CAP_REACHED'] as const) : []),
    ...(facts.participationPercent < pilot.minParticipationPercent ? (['PARTICIPATION_TOO_LOW'] as const) : []),
    ...(facts.participationObtainedOn > latestParticipation ? (['PARTICIPATION_TOO_LATE'] as const) : []),
    ...(facts.wage === 'DOES_NOT_MEET' ? (['WAGE_BELOW_REDUCED_CRITERION'] as const) : []),
  ];
  const base = { ruleVersion: rules.version, residenceSchemeUntil: pilot.residenceSchemeUntil };
  if (refusals.length > 0) return { outcome: 'NEGATIVE', reasonCodes: refusals, ...base };
  if (facts.wage === 'NOT_YET_ISSUED') return { outcome: 'PENDING', reasonCodes: ['WAGE_EVIDENCE_PENDING'], ...base };
  return { outcome: 'POSITIVE', reasonCodes: [], ...base };
}
