import { z } from 'zod';
import { hubClientConfigSchema, loadServiceConfig, serviceConfigSchema } from '@welkom/config';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const universityConfigSchema = serviceConfigSchema.extend(hubClientConfigSchema.shape).extend({
  /**
   * Where the IND's intake listens. Optional: without it the connector finds the IND in the hub's connector
   * directory (the connector the IND announced). Either way the IND must present the IND's certificate.
   */
  IND_GRPC_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'expected host:port')
    .optional(),
  /** How long one call to the hub or the IND may take. */
  REMOTE_CALL_TIMEOUT_MS: positiveInt(10_000),
  /** Items of a batch pushed to the hub at once. */
  PUSH_CONCURRENCY: positiveInt(16),
  /** How often applications the IND could not be reached for are delivered again. */
  APPLICATION_DELIVERY_INTERVAL_MS: positiveInt(2_000),
});

export type UniversityConfig = z.infer<typeof universityConfigSchema>;

export function loadUniversityConfig(env: NodeJS.ProcessEnv): UniversityConfig {
  return loadServiceConfig(universityConfigSchema, env);
}

export const UNIVERSITY_CONFIG = Symbol('UNIVERSITY_CONFIG');
/** The university's own OIN, from its certificate. */
export const UNIVERSITY_PARTY_OIN = Symbol('UNIVERSITY_PARTY_OIN');
