import { createHash, hash } from 'node:crypto';
import { BATCH_SIGNATURE_HASH, BATCH_SIGNATURE_PARAMETER } from './inclusion-proof';

/** The envelope fields a signature covers (structurally an EventEnvelope; see envelopeSigningPayload). */
export interface SignedEnvelopeFields {
  eventId: string;
  eventType: string;
  schemaVersion: number;
  sourcePartyOin: string;
  occurredAt: string;
  correlationId: string;
}

/**
 * Envelopes are signed with a detached JWS (RFC 7515, appendix F): the Kafka header carries
 * `BASE64URL(protected header)..BASE64URL(signature)` and every reader rebuilds the payload from the record
 * itself, so nothing is sent twice and nothing can be swapped without breaking the signature.
 */
export const ENVELOPE_SIGNATURE_HEADER = 'welkom-signature';

/** ECDSA P-256 with SHA-256: the key type of the parties' (PKIoverheid-style) TLS certificates. */
export const ENVELOPE_SIGNATURE_ALGORITHM = 'ES256';

/**
 * The signer is named in one of two ways. `x5c` carries the certificate chain itself (leaf first, each base64 —
 * not base64url — DER, RFC 7515 §4.1.6): a record that anyone holding the party CA can check on its own, for tools
 * that publish once. `x5t#S256` carries only the leaf's SHA-256 thumbprint (RFC 7515 §4.1.8), for services: they
 * publish their certificate once to the signing-certificate topic, and consumers resolve and cache it, so a record
 * does not repeat 1.5 KB of certificate.
 */
export type EnvelopeJwsHeader = (
  { alg: typeof ENVELOPE_SIGNATURE_ALGORITHM; x5c: string[] } | { alg: typeof ENVELOPE_SIGNATURE_ALGORITHM; 'x5t#S256': string }
) &
  BatchSignatureMark;

/**
 * A batch signature (see inclusion-proof.ts) says so in its protected header, as a critical parameter: a
 * verifier that does not know batch signatures refuses the record instead of checking the wrong bytes.
 */
export type BatchSignatureMark = { [BATCH_SIGNATURE_PARAMETER]?: typeof BATCH_SIGNATURE_HASH; crit?: [typeof BATCH_SIGNATURE_PARAMETER] };

/** True when the protected header signs a Merkle root rather than one record. */
export function isBatchSignatureHeader(header: EnvelopeJwsHeader): boolean {
  return header[BATCH_SIGNATURE_PARAMETER] === BATCH_SIGNATURE_HASH;
}

/** The JWS `x5t#S256` of a DER certificate: base64url SHA-256, no padding. */
export function certificateThumbprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('base64url');
}

const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

export interface DetachedJws {
  /** The protected header exactly as transmitted (base64url); it is part of the signing input. */
  encodedHeader: string;
  header: EnvelopeJwsHeader;
  /** Raw `r || s`, 64 bytes for ES256. */
  signature: Buffer;
}

export class EnvelopeSignatureFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeSignatureFormatError';
  }
}

/**
 * What the signature covers, as canonical JSON (keys sorted, no whitespace: the RFC 8785 form for these
 * ASCII strings and small integers), so a producer in another language can rebuild the same bytes.
 *
 * The record key is covered, so a signed event cannot be moved to another case's ordering; the payload is
 * covered through its SHA-256. The traceparent is deliberately left out: W3C trace context lets every hop
 * rewrite its parent-id, and tracing instrumentation on a producer would otherwise break every signature.
 */
export function envelopeSigningPayload(envelope: SignedEnvelopeFields, key: string, payload: Uint8Array): string {
  const payloadSha256 = hash('sha256', payload, 'base64url');
  return JSON.stringify({
    correlationId: envelope.correlationId,
    eventId: envelope.eventId,
    eventType: envelope.eventType,
    key,
    occurredAt: envelope.occurredAt,
    payloadSha256,
    schemaVersion: envelope.schemaVersion,
    sourcePartyOin: envelope.sourcePartyOin,
  });
}

/** The JWS signing input: `ASCII(BASE64URL(header) || '.' || BASE64URL(payload))`. */
export function jwsSigningInput(encodedHeader: string, signingPayload: string): Buffer {
  return Buffer.from(`${encodedHeader}.${Buffer.from(signingPayload, 'utf8').toString('base64url')}`, 'ascii');
}

export function encodeJwsHeader(header: EnvelopeJwsHeader): string {
  return Buffer.from(JSON.stringify(header), 'utf8').toString('base64url');
}

export function encodeDetachedJws(encodedHeader: string, signature: Buffer): string {
  return `${encodedHeader}..${signature.toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Parses the compact detached form; anything else (an attached payload, bad base64url, bad JSON) is refused. */
export function parseDetachedJws(compact: string): DetachedJws {
  const parts = compact.split('.');
  if (parts.length !== 3) throw new EnvelopeSignatureFormatError('signature is not a compact JWS');
  const [encodedHeader, payload, encodedSignature] = parts;
  if (payload !== '') throw new EnvelopeSignatureFormatError('signature must be detached (empty payload part)');
  if (!BASE64URL.test(encodedHeader) || !BASE64URL.test(encodedSignature)) {
    throw new EnvelopeSignatureFormatError('signature parts are not base64url');
  }
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
  } catch {
    throw new EnvelopeSignatureFormatError('protected header is not JSON');
  }
  return { encodedHeader, header: checkHeader(header), signature: Buffer.from(encodedSignature, 'base64url') };
}

function checkHeader(header: unknown): EnvelopeJwsHeader {
  if (typeof header !== 'object' || header === null) throw new EnvelopeSignatureFormatError('protected header is not an object');
  const { alg, x5c, crit, 'x5t#S256': thumbprint, [BATCH_SIGNATURE_PARAMETER]: batch } = header as Record<string, unknown>;
  if (alg !== ENVELOPE_SIGNATURE_ALGORITHM) {
    throw new EnvelopeSignatureFormatError(`algorithm ${JSON.stringify(alg)} is not ${ENVELOPE_SIGNATURE_ALGORITHM}`);
  }
  const mark = batchMark(crit, batch);
  if (x5c !== undefined && thumbprint !== undefined) {
    throw new EnvelopeSignatureFormatError('protected header names its signer twice (x5c and x5t#S256)');
  }
  if (thumbprint !== undefined) {
    if (typeof thumbprint !== 'string' || !THUMBPRINT.test(thumbprint)) {
      throw new EnvelopeSignatureFormatError('x5t#S256 is not a base64url SHA-256 thumbprint');
    }
    return { alg, 'x5t#S256': thumbprint, ...mark };
  }
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((entry) => typeof entry === 'string' && entry.length > 0)) {
    throw new EnvelopeSignatureFormatError('protected header has no x5c certificate chain and no x5t#S256 thumbprint');
  }
  return { alg, x5c: x5c as string[], ...mark };
}

/** The one critical extension we understand is the batch mark; RFC 7515 §4.1.11: any other must make us refuse. */
function batchMark(crit: unknown, batch: unknown): BatchSignatureMark {
  if (crit === undefined && batch === undefined) return {};
  const marked = Array.isArray(crit) && crit.length === 1 && crit[0] === BATCH_SIGNATURE_PARAMETER;
  if (!marked) throw new EnvelopeSignatureFormatError('critical header extensions other than the batch mark are not supported');
  if (batch !== BATCH_SIGNATURE_HASH) {
    throw new EnvelopeSignatureFormatError(`${BATCH_SIGNATURE_PARAMETER} must be ${JSON.stringify(BATCH_SIGNATURE_HASH)}`);
  }
  return { [BATCH_SIGNATURE_PARAMETER]: BATCH_SIGNATURE_HASH, crit: [BATCH_SIGNATURE_PARAMETER] };
}
