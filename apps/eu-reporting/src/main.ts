import 'reflect-metadata';
import { ConfigError } from '@welkom/config';
import { startEuReporting } from './eu-reporting.app';
import { loadEuReportingConfig } from './eu-reporting.config';

async function main(): Promise<void> {
  const service = await startEuReporting(loadEuReportingConfig(process.env));
  // The start script reads this line to tell people where the service listens.
  console.log(`[eu-reporting] ready grpc=${service.grpcAddress} http=${service.httpAddress}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
