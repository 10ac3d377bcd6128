import 'reflect-metadata';
import { ConfigError } from '@welkom/config';
import { startConsole } from './console.app';
import { loadConsoleConfig } from './console.config';

async function main(): Promise<void> {
  const service = await startConsole(loadConsoleConfig(process.env));
  // The start script reads this line to tell people where the service listens.
  console.log(`[console] ready grpc=${service.grpcAddress} http=${service.httpAddress}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
