import { z } from 'zod';
import { hubClientConfigSchema, loadServiceConfig, serviceConfigSchema } from '@welkom/config';

export const rvoConfigSchema = serviceConfigSchema.extend(hubClientConfigSchema.shape).extend({
  /** How long one call to the hub may take. */
  REMOTE_CALL_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type RvoConfig = z.infer<typeof rvoConfigSchema>;

export function loadRvoConfig(env: NodeJS.ProcessEnv): RvoConfig {
  return loadServiceConfig(rvoConfigSchema, env);
}

export const RVO_CONFIG = Symbol('RVO_CONFIG');
/** RVO's own OIN, from its certificate. */
export const RVO_PARTY_OIN = Symbol('RVO_PARTY_OIN');
