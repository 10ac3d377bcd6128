import { z } from 'zod';
import { loadConfig, serviceConfigSchema } from '@welkom/config';

const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'expected an http(s):// URL')
  .transform((url) => url.replace(/\/+$/, ''));

/**
 * The console reads the services' own HTTP figures (never their databases) and the backbone with its own party
 * certificate. The `<SERVICE>_HTTP_URL` names are what `npm start` and the Kubernetes manifests set
 * (`httpUrlVariableOf` in libs/infrastructure).
 */
export const consoleConfigSchema = serviceConfigSchema.extend({
  /** The hub: /metrics (the once-only counters). */
  HUB_HTTP_URL: httpUrl,
  /** The IND: /operations/figures (cases per stage, deadline clocks, evidence requests). */
  IND_HTTP_URL: httpUrl,
  /** The consular service: /capacity. */
  CONSULAR_HTTP_URL: httpUrl,
  /** The EU reporting connector: /feed and /feed/published. */
  EU_REPORTING_HTTP_URL: httpUrl,
  /** How long one read of a service may take before its panel says it is unavailable. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** How many of the latest dead letters the console lists with their reason. */
  LATEST_DEAD_LETTERS: z.coerce.number().int().positive().max(500).default(20),
});

export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;

export function loadConsoleConfig(env: NodeJS.ProcessEnv): ConsoleConfig {
  return loadConfig(consoleConfigSchema, env);
}

export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
/** The hub's OIN from the party list: the only party whose audit checkpoints the console believes. */
export const HUB_OIN = Symbol('HUB_OIN');
