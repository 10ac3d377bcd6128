import { z } from 'zod';
import { hubClientConfigSchema, loadServiceConfig, serviceConfigSchema } from '@welkom/config';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const consularConfigSchema = serviceConfigSchema.extend(hubClientConfigSchema.shape).extend({
  /** How long one call to the hub may take. */
  REMOTE_CALL_TIMEOUT_MS: positiveInt(10_000),
  /** How often the MVV legs past their 3-month or 90-day limit are closed. */
  EXPIRY_SWEEP_INTERVAL_MS: positiveInt(2_000),
  /**
   * Rehearsals only: the posts' business clock runs this many days ahead of the wall clock, so a drill can see
   * the 3-month and 90-day limits run out. Must stay 0 in production; start-up warns otherwise.
   */
  REHEARSAL_CLOCK_OFFSET_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
});

export type ConsularConfig = z.infer<typeof consularConfigSchema>;

export function loadConsularConfig(env: NodeJS.ProcessEnv): ConsularConfig {
  return loadServiceConfig(consularConfigSchema, env);
}

export const CONSULAR_CONFIG = Symbol('CONSULAR_CONFIG');
/** The consular service's posts as the party list names them (its sub-unit codes): a set of strings. */
export const CONSULAR_SUB_UNITS = Symbol('CONSULAR_SUB_UNITS');
/** The consular service's own OIN, from its certificate. */
export const CONSULAR_PARTY_OIN = Symbol('CONSULAR_PARTY_OIN');
