import 'reflect-metadata';
import { ConfigError } from '@welkom/config';
import { startInd } from './ind.app';
import { loadIndConfig } from './ind.config';

async function main(): Promise<void> {
  const service = await startInd(loadIndConfig(process.env));
  // The start script and the test harness read this line to learn where the service listens.
  console.log(`[ind] ready grpc=${service.grpcAddress} http=${service.httpAddress}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
