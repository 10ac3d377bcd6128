import type { Timestamp } from '@welkom/contracts/generated/google/protobuf/timestamp';

const MAX_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z, the largest google.protobuf.Timestamp

export function toTimestamp(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

export function toOptionalTimestamp(date: Date | null | undefined): Timestamp | undefined {
  return date ? toTimestamp(date) : undefined;
}

/**
 * A Timestamp as a Date (millisecond precision), or `'invalid'` when it is outside the range the protobuf
 * spec allows. `undefined` when absent. Seconds arrive as a decimal string (forceLong=string). Callers
 * decide what a malformed value means for them (a field violation, a refusal), so it is never a silent
 * `undefined`.
 */
export function fromTimestamp(timestamp: Timestamp | null | undefined): Date | undefined | 'invalid' {
  if (timestamp === undefined || timestamp === null) return undefined;
  const seconds = Number(timestamp.seconds);
  const nanos = timestamp.nanos;
  if (!/^-?\d{1,12}$/.test(String(timestamp.seconds)) || !Number.isSafeInteger(seconds)) return 'invalid';
  if (seconds < 0 || seconds > MAX_SECONDS) return 'invalid';
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) return 'invalid';
  return new Date(seconds * 1000 + Math.floor(nanos / 1_000_000));
}
