import { startService, type RunningService } from '@welkom/runtime';
import type { ConsoleConfig } from './console.config';
import { CONSOLE_SERVICE_NAME, ConsoleModule } from './console.module';

/** The console serves no gRPC of its own (only grpc.health.v1): it is read over HTTP by people. */
export function startConsole(config: ConsoleConfig): Promise<RunningService> {
  return startService({
    serviceName: CONSOLE_SERVICE_NAME,
    module: ConsoleModule.forRoot(config),
    config,
    contracts: [],
  });
}
