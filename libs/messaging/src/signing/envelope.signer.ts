import { createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import {
  BATCH_SIGNATURE_HASH,
  BATCH_SIGNATURE_PARAMETER,
  batchSigningPayload,
  certificateThumbprint,
  encodeInclusionProof,
  leafHash,
  MAX_LEAVES_PER_TREE,
  merkleTree,
  encodeDetachedJws,
  encodeJwsHeader,
  ENVELOPE_SIGNATURE_ALGORITHM,
  envelopeSigningPayload,
  jwsSigningInput,
  type EnvelopeJwsHeader,
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

export interface UnsignedRecord {
  envelope: EventEnvelope;
  key: string;
  payload: Uint8Array;
}

/** The `welkom-signature` header and, for a batch signature, the `welkom-signature-proof` header. */
export interface RecordSignature {
  signature: string;
  proof?: string;
}

/** Signs envelopes with the producing party's TLS key (ES256). */
export class EnvelopeSigner {
  /** The OIN in the signing certificate: the only source party this signer can sign for. */
  readonly signerOin: string;
  /** The signing certificate chain, leaf first, base64 DER: what a service registers before naming it by thumbprint. */
  readonly certificateChain: readonly string[];
  readonly thumbprint: string;
  private readonly encodedHeader: string;
  private readonly encodedBatchHeader: string;

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
    const signer: EnvelopeJwsHeader =
      reference === 'x5c'
        ? { alg: ENVELOPE_SIGNATURE_ALGORITHM, x5c: [...this.certificateChain] }
        : { alg: ENVELOPE_SIGNATURE_ALGORITHM, 'x5t#S256': this.thumbprint };
    this.encodedHeader = encodeJwsHeader(signer);
    this.encodedBatchHeader = encodeJwsHeader({
      ...signer,
      [BATCH_SIGNATURE_PARAMETER]: BATCH_SIGNATURE_HASH,
      crit: [BATCH_SIGNATURE_PARAMETER],
    });
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
    this.assertOwnParty(envelope);
    const input = jwsSigningInput(this.encodedHeader, envelopeSigningPayload(envelope, key, payload));
    const signature = await signAsync('sha256', input, { key: this.privateKey, dsaEncoding: 'ieee-p1363' });
    return encodeDetachedJws(this.encodedHeader, signature);
  }

  /**
   * Signs many records with one ES256 signature per {@link MAX_LEAVES_PER_TREE} of them: over the Merkle root of
   * their signing payloads, each record getting its inclusion proof (inclusion-proof.ts says what that proves). A
   * single record gets the plain per-record signature. One signature per record was most of the producing
   * side's CPU (bench/events).
   */
  async signAll(records: readonly UnsignedRecord[]): Promise<RecordSignature[]> {
    for (const record of records) this.assertOwnParty(record.envelope);
    if (records.length === 1) {
      const [{ envelope, key, payload }] = records;
      return [{ signature: await this.sign(envelope, key, payload) }];
    }
    const trees: Promise<RecordSignature[]>[] = [];
    for (let start = 0; start < records.length; start += MAX_LEAVES_PER_TREE) {
      trees.push(this.signTree(records.slice(start, start + MAX_LEAVES_PER_TREE)));
    }
    return (await Promise.all(trees)).flat();
  }

  private async signTree(records: readonly UnsignedRecord[]): Promise<RecordSignature[]> {
    const { root, proofs } = merkleTree(
      records.map(({ envelope, key, payload }) => leafHash(envelopeSigningPayload(envelope, key, payload))),
    );
    const input = jwsSigningInput(this.encodedBatchHeader, batchSigningPayload(root, records.length));
    const signature = encodeDetachedJws(
      this.encodedBatchHeader,
      await signAsync('sha256', input, { key: this.privateKey, dsaEncoding: 'ieee-p1363' }),
    );
    return proofs.map((proof) => ({ signature, proof: encodeInclusionProof(proof) }));
  }

  private assertOwnParty(envelope: EventEnvelope): void {
    if (envelope.sourcePartyOin !== this.signerOin) {
      throw new Error(`Cannot sign for party ${envelope.sourcePartyOin}: the signing certificate is party ${this.signerOin}`);
    }
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
