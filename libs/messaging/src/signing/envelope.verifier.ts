import { verify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import {
  AuditPathMemo,
  batchSigningPayload,
  certificateThumbprint,
  envelopeSigningPayload,
  InclusionProofError,
  isBatchSignatureHeader,
  jwsSigningInput,
  leafHash,
  parseDetachedJws,
  parseInclusionProof,
  type EnvelopeJwsHeader,
  type EventEnvelope,
  type TopicDefinition,
} from '@welkom/events';
import { oinFromPeerCertificate } from '@welkom/grpc';
import type { CertificateTrust } from './certificate-trust';
import { subjectOf } from './envelope.signer';
import type { PartyDirectory } from './party-directory';
import type { SigningCertificateSource } from './signing-certificate.directory';

// The callback form runs on libuv's thread pool: a batch of records is verified on every core at once.
const verifyAsync = promisify(verify);

/** BAD_SIGNATURE: we cannot tell who produced it. UNAUTHORISED_PUBLISHER: we can, and they may not. */
export type SignatureRejection = 'BAD_SIGNATURE' | 'UNAUTHORISED_PUBLISHER';

export class SignatureRejectedError extends Error {
  constructor(
    readonly rejection: SignatureRejection,
    message: string,
  ) {
    super(message);
    this.name = 'SignatureRejectedError';
  }
}

export interface SignedRecord {
  envelope: EventEnvelope;
  /** The `welkom-signature` header, if any. */
  signature: string | undefined;
  /** The `welkom-signature-proof` header: the record's inclusion proof, when the signature covers a batch. */
  proof?: string;
  key: string;
  payload: Uint8Array;
  topic: Pick<TopicDefinition<unknown>, 'name' | 'publisherRoles'>;
}

interface Signer {
  oin: string;
  publicKey: KeyObject;
  validFrom: number;
  validTo: number;
  /** The protected header signs a Merkle root (inclusion-proof.ts), not one record. */
  batch: boolean;
}

// Every event of one producer carries the same protected header; a few hundred parties fit easily.
const MAX_CACHED_SIGNERS = 1_000;
// Batch roots whose signature checked out (or is being checked): the rest of a batch costs hashes only.
const MAX_CACHED_ROOTS = 10_000;

/**
 * Decides whether a consumer may believe a record: the signature is a valid ES256 JWS over this record by
 * a certificate that chains to the party CA, the certificate's OIN is the envelope's source party, and
 * that party holds one of the roles allowed to publish on the topic.
 */
export class EnvelopeVerifier {
  // Chain checks cost far more than one ECDSA verification, and the protected header (certificate
  // included) is byte-identical for every event a producer signs with the same certificate.
  private readonly signers = new Map<string, Signer>();
  // The first records of a producer arrive together: one chain check serves all of them, not one each.
  private readonly resolving = new Map<string, Promise<Signer>>();
  // Keyed by the compact signature and the root it must cover; only checks that succeed (or still run) stay.
  private readonly verifiedRoots = new Map<string, Promise<boolean>>();
  // The records of one batch share the upper part of their audit paths: walked once per batch, not once per record.
  private readonly auditPaths = new AuditPathMemo();

  constructor(
    private readonly trust: CertificateTrust,
    private readonly parties: PartyDirectory,
    private readonly clock: () => Date = () => new Date(),
    /** Where `x5t#S256` thumbprints are resolved; without one, only self-contained `x5c` signatures are accepted. */
    private readonly certificates?: SigningCertificateSource,
  ) {}

  async verify(record: SignedRecord): Promise<void> {
    if (record.signature === undefined) throw new SignatureRejectedError('BAD_SIGNATURE', 'the event is not signed');
    const { encodedHeader, signature, signer } = await this.readSignature(record.signature);
    const now = this.clock().getTime();
    if (now < signer.validFrom || now > signer.validTo) {
      throw new SignatureRejectedError('BAD_SIGNATURE', 'the signing certificate is not valid now');
    }
    const { envelope } = record;
    if (signer.oin !== envelope.sourcePartyOin) {
      throw new SignatureRejectedError('BAD_SIGNATURE', `signed by party ${signer.oin} but claims source party ${envelope.sourcePartyOin}`);
    }
    const signingPayload = envelopeSigningPayload(envelope, record.key, record.payload);
    const valid = signer.batch
      ? await this.verifyBatchMember(record, record.signature, encodedHeader, signature, signer, signingPayload)
      : await this.verifySignature(encodedHeader, signingPayload, signature, signer, record.proof);
    if (!valid) throw new SignatureRejectedError('BAD_SIGNATURE', 'the signature does not match the event');
    // Checked last: only a party we have authenticated can be told it is not allowed.
    if (!this.parties.mayPublish(signer.oin, record.topic)) {
      throw new SignatureRejectedError(
        'UNAUTHORISED_PUBLISHER',
        `party ${signer.oin} holds none of the roles that may publish on ${record.topic.name}`,
      );
    }
  }

  private async verifySignature(
    encodedHeader: string,
    signingPayload: string,
    signature: Buffer,
    signer: Signer,
    proof: string | undefined,
  ): Promise<boolean> {
    // A proof beside a per-record signature is not ours: refuse rather than guess what was meant.
    if (proof !== undefined) throw new SignatureRejectedError('BAD_SIGNATURE', 'an inclusion proof beside a single-record signature');
    const input = jwsSigningInput(encodedHeader, signingPayload);
    return verifyAsync('sha256', input, { key: signer.publicKey, dsaEncoding: 'ieee-p1363' }, signature).catch(() => false);
  }

  /**
   * The record's leaf and inclusion proof lead to a root; the signature must cover that root. The records of one
   * batch share the root, so its ECDSA check runs once and the others wait for it (or find it done).
   */
  private async verifyBatchMember(
    record: SignedRecord,
    /** The compact JWS as received: the same for every record of the batch. */
    compact: string,
    encodedHeader: string,
    signature: Buffer,
    signer: Signer,
    signingPayload: string,
  ): Promise<boolean> {
    if (record.proof === undefined) throw new SignatureRejectedError('BAD_SIGNATURE', 'a batch signature without an inclusion proof');
    let root: Buffer;
    let size: number;
    try {
      const proof = parseInclusionProof(record.proof);
      root = this.auditPaths.rootFromInclusionProof(compact, leafHash(signingPayload), proof);
      size = proof.size;
    } catch (error) {
      if (error instanceof InclusionProofError) throw new SignatureRejectedError('BAD_SIGNATURE', error.message);
      throw error;
    }
    const key = `${compact}|${root.toString('base64url')}|${size}`;
    const known = this.verifiedRoots.get(key);
    if (known) return known;
    const input = jwsSigningInput(encodedHeader, batchSigningPayload(root, size));
    const check = verifyAsync('sha256', input, { key: signer.publicKey, dsaEncoding: 'ieee-p1363' }, signature).catch(() => false);
    if (this.verifiedRoots.size >= MAX_CACHED_ROOTS) this.verifiedRoots.clear();
    this.verifiedRoots.set(key, check);
    const valid = await check;
    if (!valid) this.verifiedRoots.delete(key);
    return valid;
  }

  /**
   * Checks a detached JWS over `signingPayload` (made with {@link EnvelopeSigner.signText}) and returns the OIN of
   * the party that signed it: a certificate of the party CA, valid now, of a party in the party directory.
   */
  async verifyText(compact: string, signingPayload: string): Promise<string> {
    const { encodedHeader, signature, signer } = await this.readSignature(compact);
    const now = this.clock().getTime();
    if (now < signer.validFrom || now > signer.validTo) {
      throw new SignatureRejectedError('BAD_SIGNATURE', 'the signing certificate is not valid now');
    }
    if (signer.batch) throw new SignatureRejectedError('BAD_SIGNATURE', 'a text is signed on its own, not as part of a batch');
    const input = jwsSigningInput(encodedHeader, signingPayload);
    const valid = await verifyAsync('sha256', input, { key: signer.publicKey, dsaEncoding: 'ieee-p1363' }, signature).catch(() => false);
    if (!valid) throw new SignatureRejectedError('BAD_SIGNATURE', 'the signature does not match the text');
    if (this.parties.rolesOf(signer.oin).size === 0) {
      throw new SignatureRejectedError('UNAUTHORISED_PUBLISHER', `party ${signer.oin} is not in the party directory`);
    }
    return signer.oin;
  }

  /**
   * A header seen before is looked up by its exact text, before any base64 or JSON work: it was checked in
   * full the first time, and the bytes are part of what the signature covers.
   */
  private async readSignature(compact: string): Promise<{ encodedHeader: string; signature: Buffer; signer: Signer }> {
    const [encodedHeader, payload, encodedSignature, ...rest] = compact.split('.');
    const cached = this.signers.get(encodedHeader);
    if (cached && payload === '' && encodedSignature !== undefined && rest.length === 0) {
      return { encodedHeader, signature: Buffer.from(encodedSignature, 'base64url'), signer: cached };
    }
    let jws;
    try {
      jws = parseDetachedJws(compact);
    } catch (error) {
      throw new SignatureRejectedError('BAD_SIGNATURE', (error as Error).message);
    }
    return { encodedHeader, signature: jws.signature, signer: await this.signerFor(jws.encodedHeader, jws.header) };
  }

  private signerFor(encodedHeader: string, header: EnvelopeJwsHeader): Promise<Signer> {
    const pending = this.resolving.get(encodedHeader);
    if (pending) return pending;
    const resolving = this.chainOf(header).then((chain) => this.signerOf(encodedHeader, chain, isBatchSignatureHeader(header)));
    this.resolving.set(encodedHeader, resolving);
    // Failures are not remembered: a thumbprint registered a moment later must be found on the next record.
    void resolving.finally(() => this.resolving.delete(encodedHeader)).catch(() => undefined);
    return resolving;
  }

  /** The certificate chain the header names: carried in `x5c`, or registered under its `x5t#S256` thumbprint. */
  private async chainOf(header: EnvelopeJwsHeader): Promise<readonly string[]> {
    if ('x5c' in header) return header.x5c;
    const thumbprint = header['x5t#S256'];
    if (!this.certificates) throw new SignatureRejectedError('BAD_SIGNATURE', 'signer named by thumbprint, but no certificate directory');
    const chain = await this.certificates.resolve(thumbprint);
    if (!chain) throw new SignatureRejectedError('BAD_SIGNATURE', `no signing certificate is registered under x5t#S256 ${thumbprint}`);
    // The directory is an open topic: the thumbprint must be the leaf's, whatever the directory says.
    if (certificateThumbprint(Buffer.from(chain[0] ?? '', 'base64')) !== thumbprint) {
      throw new SignatureRejectedError('BAD_SIGNATURE', `the certificate registered under x5t#S256 ${thumbprint} does not match it`);
    }
    return chain;
  }

  private signerOf(encodedHeader: string, x5c: readonly string[], batch: boolean): Signer {
    let signer: Signer;
    try {
      const chain = this.trust.verifyChain(x5c, this.clock());
      signer = {
        oin: oinFromPeerCertificate({ subject: subjectOf(chain.leaf) }),
        publicKey: chain.leaf.publicKey,
        validFrom: chain.validFrom,
        validTo: chain.validTo,
        batch,
      };
    } catch (error) {
      throw new SignatureRejectedError('BAD_SIGNATURE', (error as Error).message);
    }
    if (this.signers.size >= MAX_CACHED_SIGNERS) this.signers.clear();
    this.signers.set(encodedHeader, signer);
    return signer;
  }
}
