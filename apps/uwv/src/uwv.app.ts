import { WAGE_DECLARATION_CONTRACT, WORK_PERMIT_CONTRACT } from '@welkom/contracts';
import { startService, type RunningService } from '@welkom/runtime';
import type { UwvConfig } from './uwv.config';
import { UWV_SERVICE_NAME, UwvModule } from './uwv.module';

export function startUwv(config: UwvConfig): Promise<RunningService> {
  return startService({
    serviceName: UWV_SERVICE_NAME,
    module: UwvModule.forRoot(config),
    config,
    contracts: [WAGE_DECLARATION_CONTRACT, WORK_PERMIT_CONTRACT],
  });
}
