import { z } from 'zod';
import { hubClientConfigSchema, loadServiceConfig, serviceConfigSchema } from '@welkom/config';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const indConfigSchema = serviceConfigSchema.extend(hubClientConfigSchema.shape).extend({
  /** How long one call to the hub may take before the IND treats the hub as unavailable. */
  HUB_CALL_TIMEOUT_MS: positiveInt(10_000),
  /** How often cases waiting for an assessment (after a crash, a hub outage or an event) are picked up. */
  ASSESSMENT_SWEEP_INTERVAL_MS: positiveInt(2_000),
  /**
   * A pending hub request nobody heard of for this long is followed up with the hub: the safety net for a
   * completion event that never arrived here. Events normally resume a case within milliseconds.
   */
  EVIDENCE_FOLLOW_UP_AFTER_MS: positiveInt(60_000),
  /** Cases assessed at once (each assessment makes a few hub calls). */
  ASSESSMENT_CONCURRENCY: positiveInt(8),
  /** How often open applications are checked against their deadlines. */
  DEADLINE_CHECK_INTERVAL_MS: positiveInt(60_000),
  /** A deadline this many days away or closer is at risk (0: only on the due date itself). */
  DEADLINE_AT_RISK_WITHIN_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  /**
   * Rehearsals only: the IND's business clock runs this many days ahead of the wall clock, so a drill can
   * see what happens when statutory periods run out. Must stay 0 in production; start-up warns otherwise.
   */
  REHEARSAL_CLOCK_OFFSET_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
});

export type IndConfig = z.infer<typeof indConfigSchema>;

export function loadIndConfig(env: NodeJS.ProcessEnv): IndConfig {
  return loadServiceConfig(indConfigSchema, env);
}

export const IND_CONFIG = Symbol('IND_CONFIG');
/** The IND's own OIN, from its certificate: the only party allowed to use the IND-only methods. */
export const IND_PARTY_OIN = Symbol('IND_PARTY_OIN');
