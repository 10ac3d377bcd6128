import { firstValueFrom, type Observable } from 'rxjs';
import type { GrpcContract } from '@welkom/contracts';
import { createClientCredentials, createGrpcClient, loadMtlsMaterial } from '@welkom/grpc';
import { type DemoSystem, serviceOf } from './demo-system';

/**
 * The parties' back offices as the demo plays them: each call goes to a service of the running system over gRPC
 * with that party's own certificate, as a real back office's would (the caller is whoever the certificate says).
 */
export class DemoParties {
  private readonly clients = new Map<string, { service: object; close: () => void }>();

  constructor(private readonly system: DemoSystem) {}

  /** A client of `service` calling as `party`. */
  as<T extends object>(party: string, service: string, contract: GrpcContract): T {
    const key = `${party}@${service}/${contract.service}`;
    const known = this.clients.get(key);
    if (known) return known.service as T;
    const files = this.system.parties[party];
    if (!files) throw new Error(`No certificate for party ${party} in the running system`);
    const credentials = createClientCredentials(loadMtlsMaterial({ caCertificatePath: this.system.caCertificatePath, ...files }));
    const client = createGrpcClient(contract, serviceOf(this.system, service).grpc, credentials);
    const created = { service: client.getService<T>(contract.service), close: () => (client as unknown as { close(): void }).close() };
    this.clients.set(key, created);
    return created.service;
  }

  close(): void {
    for (const { close } of this.clients.values()) close();
    this.clients.clear();
  }
}

/** One unary call as a promise. */
export function call<T>(observable: Observable<T>): Promise<T> {
  return firstValueFrom(observable);
}

/** Runs `work` over `items` with at most `lanes` in flight, as a back office with a few workers would. */
export async function inLanes<T, R>(items: readonly T[], lanes: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}
