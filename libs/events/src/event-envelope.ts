import { isOin, UUID_PATTERN } from '@welkom/validation';

// Signing is part of what an envelope is; re-exported here so `@welkom/events` offers it with the envelope.
export * from './envelope-signature';
export * from './inclusion-proof';

/**
 * The envelope of every event. On Kafka it travels as record headers next to the protobuf payload
 * (the record value), so brokers, tools like kcat and other languages can route on it without decoding.
 */
export interface EventEnvelope {
  eventId: string;
  eventType: string;
  schemaVersion: number;
  sourcePartyOin: string;
  occurredAt: string;
  correlationId: string;
  traceparent: string;
}

export const ENVELOPE_HEADERS = {
  eventId: 'welkom-event-id',
  eventType: 'welkom-event-type',
  schemaVersion: 'welkom-schema-version',
  sourcePartyOin: 'welkom-source-party',
  occurredAt: 'welkom-occurred-at',
  correlationId: 'welkom-correlation-id',
  traceparent: 'traceparent',
} as const satisfies Record<keyof EventEnvelope, string>;

export type EnvelopeHeaders = Record<(typeof ENVELOPE_HEADERS)[keyof EventEnvelope], string>;

export function envelopeToHeaders(envelope: EventEnvelope): EnvelopeHeaders {
  const headers = {} as EnvelopeHeaders;
  for (const [field, header] of Object.entries(ENVELOPE_HEADERS) as [keyof EventEnvelope, string][]) {
    (headers as Record<string, string>)[header] = String(envelope[field]);
  }
  return headers;
}

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

const EVENT_TYPE = /^welkom\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;
// The shared UUID format, in either case: RFC 9562 lets another party's producer write the hex digits in capitals.
const UUID = new RegExp(UUID_PATTERN.source, 'i');

/** Kafka record headers as clients hand them over; a header sent twice arrives as an array. */
export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** One header's text, or undefined; a repeated envelope header is ambiguous and therefore refused. */
export function readHeader(raw: RawHeaders, header: string): string | undefined {
  const value = raw[header];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new EnvelopeError(`header ${header} appears ${value.length} times`);
  return Buffer.isBuffer(value) ? value.toString('utf8') : value;
}

/** Reads and checks the envelope from raw Kafka headers; a record without a valid envelope is poison. */
export function envelopeFromHeaders(raw: RawHeaders): EventEnvelope {
  const read = (header: string): string => {
    const value = readHeader(raw, header);
    if (value === undefined) throw new EnvelopeError(`missing header ${header}`);
    return value;
  };
  const envelope: EventEnvelope = {
    eventId: read(ENVELOPE_HEADERS.eventId),
    eventType: read(ENVELOPE_HEADERS.eventType),
    schemaVersion: Number(read(ENVELOPE_HEADERS.schemaVersion)),
    sourcePartyOin: read(ENVELOPE_HEADERS.sourcePartyOin),
    occurredAt: read(ENVELOPE_HEADERS.occurredAt),
    correlationId: read(ENVELOPE_HEADERS.correlationId),
    traceparent: readHeader(raw, ENVELOPE_HEADERS.traceparent) ?? '',
  };
  if (!EVENT_TYPE.test(envelope.eventType)) throw new EnvelopeError('event type is not welkom.<context>.<event>');
  if (!UUID.test(envelope.eventId)) throw new EnvelopeError(`event id ${envelope.eventId} is not a UUID`);
  if (!Number.isInteger(envelope.schemaVersion) || envelope.schemaVersion < 1) {
    throw new EnvelopeError(`schema version ${envelope.schemaVersion} is not a positive integer`);
  }
  if (!isOin(envelope.sourcePartyOin)) throw new EnvelopeError('source party is not a 20-digit OIN');
  if (Number.isNaN(Date.parse(envelope.occurredAt))) throw new EnvelopeError('occurred-at is not a timestamp');
  if (!/^[\x20-\x7e]{1,200}$/.test(envelope.correlationId)) throw new EnvelopeError('correlation id is not printable ASCII');
  return envelope;
}
