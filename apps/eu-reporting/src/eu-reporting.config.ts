import { z } from 'zod';
import { loadServiceConfig, serviceConfigSchema } from '@welkom/config';
import { DEFAULT_REFERENCE_DIR } from './feed/feed-reference.loader';

export const euReportingConfigSchema = serviceConfigSchema.extend({
  /** The feed's reference data (apps/eu-reporting/reference): checked at start, the service refuses bad data. */
  FEED_REFERENCE_DIR: z.string().min(1).default(DEFAULT_REFERENCE_DIR),
  /**
   * Shortest time between two publications of the compacted feed topic. Publishing recomputes the published
   * tables from every application, so during a bulk import it runs at this pace rather than per batch.
   */
  FEED_PUBLISH_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
});

export type EuReportingConfig = z.infer<typeof euReportingConfigSchema>;

export function loadEuReportingConfig(env: NodeJS.ProcessEnv): EuReportingConfig {
  return loadServiceConfig(euReportingConfigSchema, env);
}

export const EU_REPORTING_CONFIG = Symbol('EU_REPORTING_CONFIG');
