import { INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import { startService, type RunningService } from '@welkom/runtime';
import type { UniversityConfig } from './university.config';
import { UNIVERSITY_SERVICE_NAME, UniversityModule } from './university.module';

export function startUniversity(config: UniversityConfig): Promise<RunningService> {
  return startService({
    serviceName: UNIVERSITY_SERVICE_NAME,
    module: UniversityModule.forRoot(config),
    config,
    contracts: [INTERNATIONAL_OFFICE_CONTRACT],
  });
}
