import { Client, type ChannelCredentials } from '@grpc/grpc-js';

export interface LoadResult {
  concurrency: number;
  completed: number;
  failed: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  firstError: string;
}

/**
 * A closed-loop load generator: `concurrency` callers, each sending its next request as soon as the previous
 * one is answered, for `seconds`. Requests are encoded once up front and responses are not decoded, so the
 * client spends its CPU on the wire, not on protobuf (both servers are measured with the same client).
 */
export async function runUnaryLoad(options: {
  address: string;
  credentials: ChannelCredentials;
  method: string;
  requests: readonly Buffer[];
  concurrency: number;
  seconds: number;
  /** HTTP/2 connections to spread the callers over. */
  channels?: number;
}): Promise<LoadResult> {
  const channels = Array.from(
    { length: options.channels ?? 2 },
    (_, index) => new Client(options.address, options.credentials, { 'grpc.use_local_subchannel_pool': 1, 'channel-index': index }),
  );
  const latencies: number[] = [];
  let failed = 0;
  let firstError = '';
  let next = 0;
  const started = process.hrtime.bigint();
  const endAt = started + BigInt(Math.round(options.seconds * 1e9));
  const caller = async (index: number): Promise<void> => {
    const channel = channels[index % channels.length];
    while (process.hrtime.bigint() < endAt) {
      const request = options.requests[next++ % options.requests.length];
      const sent = process.hrtime.bigint();
      const error = await new Promise<Error | null>((resolve) => {
        channel.makeUnaryRequest(
          options.method,
          (message: Buffer) => message,
          (message: Buffer) => message,
          request,
          (err) => resolve(err),
        );
      });
      if (error) {
        failed += 1;
        firstError ||= error.message;
      } else {
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => caller(index)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const channel of channels) channel.close();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number): number =>
    latencies.length === 0 ? Number.NaN : latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return {
    concurrency: options.concurrency,
    completed: latencies.length,
    failed,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    firstError,
  };
}
