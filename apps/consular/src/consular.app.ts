import { CONSULAR_POST_CONTRACT } from '@welkom/contracts';
import { startService, type RunningService } from '@welkom/runtime';
import type { ConsularConfig } from './consular.config';
import { CONSULAR_SERVICE_NAME, ConsularModule } from './consular.module';

export function startConsular(config: ConsularConfig): Promise<RunningService> {
  return startService({
    serviceName: CONSULAR_SERVICE_NAME,
    module: ConsularModule.forRoot(config),
    config,
    contracts: [CONSULAR_POST_CONTRACT],
  });
}
