import 'reflect-metadata';
import { ConfigError } from '@welkom/config';
import { startUwv } from './uwv.app';
import { loadUwvConfig } from './uwv.config';

async function main(): Promise<void> {
  const service = await startUwv(loadUwvConfig(process.env));
  // The start script reads this line to tell people where the service listens.
  console.log(`[uwv] ready grpc=${service.grpcAddress} http=${service.httpAddress}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
