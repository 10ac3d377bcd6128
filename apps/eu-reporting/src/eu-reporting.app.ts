import { TALENT_FEED_CONTRACT } from '@welkom/contracts';
import { startService, type RunningService } from '@welkom/runtime';
import type { EuReportingConfig } from './eu-reporting.config';
import { EU_REPORTING_SERVICE_NAME, EuReportingModule } from './eu-reporting.module';

export function startEuReporting(config: EuReportingConfig): Promise<RunningService> {
  return startService({
    serviceName: EU_REPORTING_SERVICE_NAME,
    module: EuReportingModule.forRoot(config),
    config,
    contracts: [TALENT_FEED_CONTRACT],
  });
}
