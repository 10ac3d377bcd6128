import { createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import {
  certificateThumbprint,
  encodeDetachedJws,
  encodeJwsHeader,
  ENVELOPE_SIGNATURE_ALGORITHM,
  envelopeSigningPayload,
  jwsSigningInput,
  type EventEnvelope,
} from '@welkom/events';
import { oinFromPeerCertificate } from '@welkom/grpc';

// The callback form runs on libuv's thread pool, so signing a burst of events does not stall the event loop.
const signAsync = promisify(sign);

export interface SigningIdentityFiles {
  certificatePath: string;
  privateKeyPath: string;
}

/**
 * How the protected header names the signer: `x5c`, the certificate itself, so a consumer needs nothing but the
 * party CA (for tools that publish a few records); or `x5t#S256`, its thumbprint, for services, which register the
 * certificate once in the SigningCertificateDirectory before they sign (1.5 KB less on every record).
 */
export type SignerReference = 'x5c' | 'x5t#S256';

/** Signs envelopes with the producing party's TLS key (ES256). */
export class EnvelopeSigner {
  /** The OIN in the signing certificate: the only source party this signer can sign for. */
  readonly signerOin: string;
  /** The signing certificate chain, leaf first, base64 DER: what a service registers before naming it by thumbprint. */
  readonly certificateChain: readonly string[];
  readonly thumbprint: string;
  private readonly encodedHeader: string;

  constructor(
    private readonly privateKey: KeyObject,
    certificate: X509Certificate,
    readonly reference: SignerReference = 'x5c',
  ) {
    if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new Error('Envelope signing needs an EC P-256 private key (ES256)');
    }
    if (!certificate.checkPrivateKey(privateKey)) throw new Error('The signing key does not belong to the signing certificate');
    this.signerOin = oinFromPeerCertificate({ subject: subjectOf(certificate) });
    this.certificateChain = [certificate.raw.toString('base64')];
    this.thumbprint = certificateThumbprint(certificate.raw);
    // The same for every event of this process: encode it once.
    this.encodedHeader = encodeJwsHeader(
      reference === 'x5c'
        ? { alg: ENVELOPE_SIGNATURE_ALGORITHM, x5c: [...this.certificateChain] }
        : { alg: ENVELOPE_SIGNATURE_ALGORITHM, 'x5t#S256': this.thumbprint },
    );
  }

  static fromFiles(files: SigningIdentityFiles, reference: SignerReference = 'x5c'): EnvelopeSigner {
    return new EnvelopeSigner(
      createPrivateKey(readFileSync(files.privateKeyPath)),
      new X509Certificate(readFileSync(files.certificatePath)),
      reference,
    );
  }

  /** A detached compact JWS over any text this party vouches for (a replay mark, say), with the same header. */
  async signText(signingPayload: string): Promise<string> {
    const input = jwsSigningInput(this.encodedHeader, signingPayload);
    return encodeDetachedJws(this.encodedHeader, await signAsync('sha256', input, { key: this.privateKey, dsaEncoding: 'ieee-p1363' }));
  }

  /** The detached compact JWS over the envelope, the record key and the payload bytes. */
  async sign(envelope: EventEnvelope, key: string, payload: Uint8Array): Promise<string> {
    if (envelope.sourcePartyOin !== this.signerOin) {
      throw new Error(`Cannot sign for party ${envelope.sourcePartyOin}: the signing certificate is party ${this.signerOin}`);
    }
    const input = jwsSigningInput(this.encodedHeader, envelopeSigningPayload(envelope, key, payload));
    const signature = await signAsync('sha256', input, { key: this.privateKey, dsaEncoding: 'ieee-p1363' });
    return encodeDetachedJws(this.encodedHeader, signature);
  }
}

/**
 * Node reports a subject as `attr=value` lines; the OIN lives in `serialNumber`. A repeated attribute
 * becomes an array, as in a TLS peer certificate, so the OIN check refuses it instead of taking the last.
 */
export function subjectOf(certificate: X509Certificate): Record<string, string | string[]> {
  const subject: Record<string, string | string[]> = {};
  for (const line of certificate.subject.split('\n')) {
    const separator = line.indexOf('=');
    if (separator <= 0) continue;
    const [name, value] = [line.slice(0, separator), line.slice(separator + 1)];
    const seen = subject[name];
    subject[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return subject;
}
