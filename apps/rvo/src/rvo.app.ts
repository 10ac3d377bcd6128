import { FACILITATOR_REGISTER_CONTRACT, POINT_OF_ENTRY_CONTRACT, START_UP_ADVICE_CONTRACT } from '@welkom/contracts';
import { startService, type RunningService } from '@welkom/runtime';
import type { RvoConfig } from './rvo.config';
import { RVO_SERVICE_NAME, RvoModule } from './rvo.module';

export function startRvo(config: RvoConfig): Promise<RunningService> {
  return startService({
    serviceName: RVO_SERVICE_NAME,
    module: RvoModule.forRoot(config),
    config,
    contracts: [START_UP_ADVICE_CONTRACT, POINT_OF_ENTRY_CONTRACT, FACILITATOR_REGISTER_CONTRACT],
  });
}
