import 'reflect-metadata';
import { ConfigError } from '@welkom/config';
import { startUniversity } from './university.app';
import { loadUniversityConfig } from './university.config';

async function main(): Promise<void> {
  const service = await startUniversity(loadUniversityConfig(process.env));
  // The start script reads this line to tell people where the service listens.
  console.log(`[university] ready grpc=${service.grpcAddress} http=${service.httpAddress}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
