import { freePort, startServiceProcess } from '@welkom/testing';
import { type DemoSystem, serviceOf } from './demo-system';

/** A replica that can be stopped again. */
export interface RehearsalReplica {
  stop(): Promise<void>;
}

/**
 * Lives through the MVV's time limits in minutes: a replica of the consular service, on the same database, broker
 * and party certificate as the running one, with `REHEARSAL_CLOCK_OFFSET_DAYS` set (the mechanism the consular app
 * ships for rehearsals, apps/consular/src/consular.config.ts). Its expiry sweep sees the posts' calendar `days`
 * ahead and closes the lapsed legs, which the IND turns into EXPIRED. The running service keeps today's clock and
 * `npm start` is not reconfigured; the demo stops the replica once the lapses are through.
 */
export async function startConsularRehearsal(system: DemoSystem, days: number): Promise<RehearsalReplica> {
  const consular = serviceOf(system, 'consular');
  const replica = await startServiceProcess(
    'consular',
    {
      ...consular.env,
      GRPC_PORT: String(await freePort()),
      HTTP_PORT: String(await freePort()),
      REHEARSAL_CLOCK_OFFSET_DAYS: String(days),
      LOG_LEVEL: 'warn',
    },
    { readyTimeoutMs: 180_000 },
  );
  return { stop: () => replica.stop() };
}
