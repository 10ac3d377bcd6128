import { z } from 'zod';
import { hubClientConfigSchema, loadConfig, serviceConfigSchema } from '@welkom/config';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const uwvConfigSchema = serviceConfigSchema.extend(hubClientConfigSchema.shape).extend({
  /** How long one call to the hub may take. */
  REMOTE_CALL_TIMEOUT_MS: positiveInt(10_000),
  /**
   * How often UWV asks the hub for the wage-evidence requests routed to it, and checks issued facts still hold.
   * Each listing is audited at the hub per subject, so a request UWV cannot answer yet is audited every round.
   */
  WAGE_EVIDENCE_POLL_INTERVAL_MS: positiveInt(5_000),
});

export type UwvConfig = z.infer<typeof uwvConfigSchema>;

export function loadUwvConfig(env: NodeJS.ProcessEnv): UwvConfig {
  return loadConfig(uwvConfigSchema, env);
}

export const UWV_CONFIG = Symbol('UWV_CONFIG');
