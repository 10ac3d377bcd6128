import { z } from 'zod';
import { hubClientConfigSchema, loadServiceConfig, serviceConfigSchema } from '@welkom/config';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const uwvConfigSchema = serviceConfigSchema.extend(hubClientConfigSchema.shape).extend({
  /** How long one call to the hub may take. */
  REMOTE_CALL_TIMEOUT_MS: positiveInt(10_000),
  /**
   * How often UWV asks the hub for the wage-evidence requests routed to it, and checks issued facts still hold.
   * The hub audits the first listing of each request's subject identifier, not every round (issue 13).
   */
  WAGE_EVIDENCE_POLL_INTERVAL_MS: positiveInt(5_000),
  /** How often pending work-permit cases and GVVA advice requests are checked against their 5-week term. */
  TERM_WATCH_INTERVAL_MS: positiveInt(5_000),
  /**
   * Rehearsals only: UWV's business clock runs this many days ahead of the wall clock, so a drill can see the
   * 5-week term run out. Must stay 0 in production; start-up warns otherwise.
   */
  REHEARSAL_CLOCK_OFFSET_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
});

export type UwvConfig = z.infer<typeof uwvConfigSchema>;

export function loadUwvConfig(env: NodeJS.ProcessEnv): UwvConfig {
  return loadServiceConfig(uwvConfigSchema, env);
}

export const UWV_CONFIG = Symbol('UWV_CONFIG');
/** UWV's own OIN, from its certificate. */
export const UWV_PARTY_OIN = Symbol('UWV_PARTY_OIN');
