import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
// Leaf, at most a couple of intermediates (PKIoverheid has two), and possibly the root itself.
const MAX_CHAIN_LENGTH = 5;

export class UntrustedCertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UntrustedCertificateError';
  }
}

/**
 * The party CA(s) a signer's certificate must chain to: the same TLS_CA_FILE that mTLS trusts, so a party
 * that may call us over gRPC may sign events, and nobody else.
 */
export class CertificateTrust {
  private constructor(private readonly anchors: readonly X509Certificate[]) {}

  static fromCaFile(path: string): CertificateTrust {
    const pems = readFileSync(path, 'utf8').match(PEM_CERTIFICATE) ?? [];
    if (pems.length === 0) throw new Error(`${path} holds no PEM certificate`);
    return new CertificateTrust(pems.map((pem) => new X509Certificate(pem)));
  }

  /**
   * Checks an `x5c` chain (base64 DER, leaf first) at time `at` and returns the leaf: every link signed by
   * the next, every intermediate a CA, the last one issued by (or equal to) a trust anchor, all within their
   * validity, and the leaf an end-entity P-256 key as ES256 needs. Also returns the window in which every
   * certificate of the chain is valid, so a cached result can be re-checked against the clock cheaply.
   */
  verifyChain(x5c: readonly string[], at: Date): VerifiedChain {
    if (x5c.length > MAX_CHAIN_LENGTH) throw new UntrustedCertificateError(`x5c chain of ${x5c.length} is too long`);
    const chain = x5c.map((entry, index) => {
      try {
        return new X509Certificate(Buffer.from(entry, 'base64'));
      } catch {
        throw new UntrustedCertificateError(`x5c[${index}] is not a DER certificate`);
      }
    });
    const leaf = chain[0];
    if (leaf.ca) throw new UntrustedCertificateError('the signing certificate is a CA certificate');
    const key = leaf.publicKey;
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new UntrustedCertificateError('the signing certificate does not hold a P-256 key');
    }
    chain.forEach((certificate, index) => assertValidAt(certificate, at, `x5c[${index}]`));
    for (let index = 0; index + 1 < chain.length; index += 1) {
      const issuer = chain[index + 1];
      if (!issuer.ca || !chain[index].checkIssued(issuer) || !chain[index].verify(issuer.publicKey)) {
        throw new UntrustedCertificateError(`x5c[${index}] is not signed by x5c[${index + 1}]`);
      }
    }
    const last = chain[chain.length - 1];
    const anchor = this.anchors.find(
      (candidate) =>
        candidate.fingerprint256 === last.fingerprint256 ||
        (last.checkIssued(candidate) && last.verify(candidate.publicKey) && isValidAt(candidate, at)),
    );
    if (!anchor) throw new UntrustedCertificateError(`${subjectLine(last)} does not chain to a trusted party CA`);
    const all = [...chain, anchor];
    return {
      leaf,
      validFrom: Math.max(...all.map((certificate) => Date.parse(certificate.validFrom))),
      validTo: Math.min(...all.map((certificate) => Date.parse(certificate.validTo))),
    };
  }
}

export interface VerifiedChain {
  leaf: X509Certificate;
  /** Epoch milliseconds between which every certificate of the chain, anchor included, is valid. */
  validFrom: number;
  validTo: number;
}

function isValidAt(certificate: X509Certificate, at: Date): boolean {
  return Date.parse(certificate.validFrom) <= at.getTime() && at.getTime() <= Date.parse(certificate.validTo);
}

function assertValidAt(certificate: X509Certificate, at: Date, name: string): void {
  if (!isValidAt(certificate, at)) {
    throw new UntrustedCertificateError(`${name} (${subjectLine(certificate)}) is not valid at ${at.toISOString()}`);
  }
}

function subjectLine(certificate: X509Certificate): string {
  return certificate.subject.split('\n').join(', ');
}
