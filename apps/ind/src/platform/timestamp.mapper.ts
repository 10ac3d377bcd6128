import type { Timestamp } from '@welkom/contracts/generated/google/protobuf/timestamp';

export function toTimestamp(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

export function toOptionalTimestamp(date: Date | null | undefined): Timestamp | undefined {
  return date ? toTimestamp(date) : undefined;
}

/** A Timestamp from the hub as a Date; undefined when absent or malformed. */
export function fromTimestamp(timestamp: Timestamp | null | undefined): Date | undefined {
  if (timestamp === undefined || timestamp === null) return undefined;
  const seconds = Number(timestamp.seconds);
  if (!Number.isSafeInteger(seconds)) return undefined;
  return new Date(seconds * 1000 + Math.floor((timestamp.nanos ?? 0) / 1_000_000));
}
