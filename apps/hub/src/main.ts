import 'reflect-metadata';
import { ConfigError, StartRefusedError } from '@welkom/config';
import { startHub } from './hub.app';
import { loadHubConfig } from './hub.config';

async function main(): Promise<void> {
  const service = await startHub(loadHubConfig(process.env));
  // The start script reads this line to tell people where the service listens.
  console.log(`[hub] ready grpc=${service.grpcAddress} http=${service.httpAddress}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof StartRefusedError ? error.message : error);
  process.exit(1);
});
