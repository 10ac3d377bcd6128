import { z } from 'zod';
import { loadConfig, serviceConfigSchema } from '@welkom/config';

export const hubConfigSchema = serviceConfigSchema.extend({
  /** Parties loaded into the registry at start (reference data; production points at the real register). */
  PARTY_SEED_FILE: z.string().min(1).optional(),
});

export type HubConfig = z.infer<typeof hubConfigSchema>;

export function loadHubConfig(env: NodeJS.ProcessEnv): HubConfig {
  return loadConfig(hubConfigSchema, env);
}

export const HUB_CONFIG = Symbol('HUB_CONFIG');
