import 'reflect-metadata';
import { ConfigError } from '@welkom/config';
import { startConsular } from './consular.app';
import { loadConsularConfig } from './consular.config';

async function main(): Promise<void> {
  const service = await startConsular(loadConsularConfig(process.env));
  // The start script reads this line to tell people where the service listens.
  console.log(`[consular] ready grpc=${service.grpcAddress} http=${service.httpAddress}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
