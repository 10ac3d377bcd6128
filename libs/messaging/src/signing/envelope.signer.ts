import { createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import {
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
 * Signs envelopes with the producing party's TLS key (ES256) and names the signer by its certificate in
 * the protected header (`x5c`), so a consumer needs nothing but the party CA to check who signed.
 */
export class EnvelopeSigner {
  /** The OIN in the signing certificate: the only source party this signer can sign for. */
  readonly signerOin: string;
  private readonly encodedHeader: string;

  constructor(
    private readonly privateKey: KeyObject,
    certificate: X509Certificate,
  ) {
    if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new Error('Envelope signing needs an EC P-256 private key (ES256)');
    }
    if (!certificate.checkPrivateKey(privateKey)) throw new Error('The signing key does not belong to the signing certificate');
    this.signerOin = oinFromPeerCertificate({ subject: subjectOf(certificate) });
    // The same for every event of this process: encode it once.
    this.encodedHeader = encodeJwsHeader({ alg: ENVELOPE_SIGNATURE_ALGORITHM, x5c: [certificate.raw.toString('base64')] });
  }

  static fromFiles(files: SigningIdentityFiles): EnvelopeSigner {
    return new EnvelopeSigner(
      createPrivateKey(readFileSync(files.privateKeyPath)),
      new X509Certificate(readFileSync(files.certificatePath)),
    );
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
