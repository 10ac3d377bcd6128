import type { z } from 'zod';
import { hubClientConfigSchema, loadConfig, serviceConfigSchema } from '@welkom/config';

export const universityConfigSchema = serviceConfigSchema.extend(hubClientConfigSchema.shape);

export type UniversityConfig = z.infer<typeof universityConfigSchema>;

export function loadUniversityConfig(env: NodeJS.ProcessEnv): UniversityConfig {
  return loadConfig(universityConfigSchema, env);
}

export const UNIVERSITY_CONFIG = Symbol('UNIVERSITY_CONFIG');
