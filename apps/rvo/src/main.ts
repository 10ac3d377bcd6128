import 'reflect-metadata';
import { ConfigError } from '@welkom/config';
import { startRvo } from './rvo.app';
import { loadRvoConfig } from './rvo.config';

async function main(): Promise<void> {
  const service = await startRvo(loadRvoConfig(process.env));
  // The start script reads this line to tell people where the service listens.
  console.log(`[rvo] ready grpc=${service.grpcAddress} http=${service.httpAddress}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
