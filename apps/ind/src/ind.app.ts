import { APPLICATION_INTAKE_CONTRACT, LABOUR_MARKET_ADVICE_CONTRACT } from '@welkom/contracts';
import { startService, type RunningService } from '@welkom/runtime';
import type { IndConfig } from './ind.config';
import { IND_SERVICE_NAME, IndModule } from './ind.module';

export function startInd(config: IndConfig): Promise<RunningService> {
  return startService({
    serviceName: IND_SERVICE_NAME,
    module: IndModule.forRoot(config),
    config,
    contracts: [APPLICATION_INTAKE_CONTRACT, LABOUR_MARKET_ADVICE_CONTRACT],
  });
}
