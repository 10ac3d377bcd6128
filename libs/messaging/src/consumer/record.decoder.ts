import { BinaryReader } from '@bufbuild/protobuf/wire';
import type { KafkaMessage } from 'kafkajs';
import {
  ENVELOPE_SIGNATURE_HEADER,
  ENVELOPE_SIGNATURE_PROOF_HEADER,
  envelopeFromHeaders,
  readHeader,
  type EventEnvelope,
} from '@welkom/events';
import type { DeadLetterErrorClass } from '../dead-letter';
import type { ReceivedEvent } from '../received-event';
import { EnvelopeVerifier, SignatureRejectedError } from '../signing/envelope.verifier';
import type { TopicCatalog } from '../topic-catalog';
import type { EventFreshness } from './event-freshness';

export type DecodedRecord = { ok: true; event: ReceivedEvent<unknown> } | { ok: false; errorClass: DeadLetterErrorClass; reason: string };

/**
 * Turns a raw Kafka record into an event a handler may trust, or says which kind of poison it is. The
 * checks run from cheap to expensive and from "who sent it" to "what does it say": readable envelope,
 * valid signature by a party allowed to publish here, fresh (or replayed through the audited path), the topic's event type and version, a payload that
 * decodes completely.
 */
export class RecordDecoder {
  constructor(
    private readonly topics: TopicCatalog,
    private readonly verifier: EnvelopeVerifier,
    private readonly consumerGroup: string,
    /** Without one, events of any age are accepted (tools reading history). */
    private readonly freshness?: EventFreshness,
  ) {}

  async decode(topic: string, partition: number, message: KafkaMessage): Promise<DecodedRecord> {
    const definition = this.topics.get(topic);
    if (!definition) return poison('UNKNOWN_TOPIC', `no definition for topic ${topic}`);
    const headers = message.headers ?? {};
    let envelope: EventEnvelope;
    let signature: string | undefined;
    let proof: string | undefined;
    try {
      envelope = envelopeFromHeaders(headers);
      signature = readHeader(headers, ENVELOPE_SIGNATURE_HEADER);
      proof = readHeader(headers, ENVELOPE_SIGNATURE_PROOF_HEADER);
    } catch (error) {
      return poison('MALFORMED_ENVELOPE', (error as Error).message);
    }
    const payloadBytes = message.value ?? Buffer.alloc(0);
    try {
      await this.verifier.verify({
        envelope,
        signature,
        proof,
        key: message.key?.toString('utf8') ?? '',
        payload: payloadBytes,
        topic: definition,
      });
    } catch (error) {
      if (error instanceof SignatureRejectedError) return poison(error.rejection, error.message);
      throw error;
    }
    // After the signature: only a time the producer signed can make an event stale.
    const stale = await this.freshness?.staleReason(envelope, headers, definition);
    if (stale !== undefined) return poison('STALE', stale);
    if (envelope.eventType !== definition.eventType || envelope.schemaVersion !== definition.schemaVersion) {
      return poison(
        'SCHEMA_VIOLATION',
        `expected ${definition.eventType} v${definition.schemaVersion}, got ${envelope.eventType} v${envelope.schemaVersion}`,
      );
    }
    let payload: unknown;
    try {
      const reader = new BinaryReader(payloadBytes);
      payload = definition.codec.decode(reader);
      // Generated decoders stop quietly at a zero tag; bytes left over mean it was not this message.
      if (reader.pos !== reader.len) throw new Error(`${reader.len - reader.pos} bytes left after the message`);
    } catch (error) {
      return poison('SCHEMA_VIOLATION', `payload is not a ${definition.eventType} message: ${(error as Error).message}`);
    }
    return {
      ok: true,
      event: { envelope, payload, topic, partition, offset: message.offset, consumerGroup: this.consumerGroup },
    };
  }
}

function poison(errorClass: DeadLetterErrorClass, reason: string): DecodedRecord {
  return { ok: false, errorClass, reason };
}
