import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
// Load `tls` before X509Certificate#toLegacyObject() is first called. On Node 20 that method lazily
// requires `_tls_common`, which requires `tls`, which then copies `createSecureContext` off the still
// half-loaded `_tls_common`: `tls.createSecureContext` stays undefined for the rest of the process and
// every later TLS server (grpc-js included) fails with "tls.createSecureContext is not a function".
import 'node:tls';
import { hasErrorCode } from './error-code';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A certificate found on disk, and whether the private key beside it belongs to it. */
export interface CertificateOnDisk {
  readonly certificate: X509Certificate;
  readonly keyMatches: boolean;
}

/** What a party certificate must say for it to be reused rather than issued again. */
export interface ExpectedPartyCertificate {
  readonly subject: Readonly<Record<string, string>>;
  readonly subjectAltName: string;
  /** Exactly these: a certificate that may serve where it should only be a client is issued again. */
  readonly extendedKeyUsage: readonly ('serverAuth' | 'clientAuth')[];
}

const EXTENDED_KEY_USAGE_OIDS = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' } as const;

// Inspection uses Node's own X509 parser rather than parsing `openssl x509 -text` output: structured
// fields, and a run where everything is still valid does not need openssl at all.

/** Undefined when either file is missing or unreadable. */
export async function readCertificate(certificatePath: string, privateKeyPath: string): Promise<CertificateOnDisk | undefined> {
  const [certificatePem, privateKeyPem] = await Promise.all([readIfPresent(certificatePath), readIfPresent(privateKeyPath)]);
  if (certificatePem === undefined || privateKeyPem === undefined) return undefined;
  try {
    const certificate = new X509Certificate(certificatePem);
    return { certificate, keyMatches: certificate.checkPrivateKey(createPrivateKey(privateKeyPem)) };
  } catch {
    return undefined; // corrupt or half-written: issue it again
  }
}

export function commonNameOf(certificate: X509Certificate): string | undefined {
  const commonName = certificate.toLegacyObject().subject.CN;
  return typeof commonName === 'string' ? commonName : undefined;
}

export function validForAtLeast(certificate: X509Certificate, days: number, now: Date): boolean {
  const validTo = Date.parse(certificate.validTo);
  return Number.isFinite(validTo) && validTo - now.getTime() >= days * DAY_MS;
}

export function isReusableCa(onDisk: CertificateOnDisk, renewBeforeDays: number, now: Date): boolean {
  const { certificate } = onDisk;
  return (
    onDisk.keyMatches && certificate.ca && certificate.verify(certificate.publicKey) && validForAtLeast(certificate, renewBeforeDays, now)
  );
}

export function isReusablePartyCertificate(
  onDisk: CertificateOnDisk,
  ca: X509Certificate,
  expected: ExpectedPartyCertificate,
  renewBeforeDays: number,
  now: Date,
): boolean {
  const { certificate } = onDisk;
  const extendedKeyUsage = [...(certificate.keyUsage ?? [])].sort();
  const expectedUsage = expected.extendedKeyUsage.map((usage) => EXTENDED_KEY_USAGE_OIDS[usage]).sort();
  return (
    onDisk.keyMatches &&
    certificate.checkIssued(ca) &&
    certificate.verify(ca.publicKey) &&
    validForAtLeast(certificate, renewBeforeDays, now) &&
    sameSubject(certificate.toLegacyObject().subject, expected.subject) &&
    certificate.subjectAltName === expected.subjectAltName &&
    extendedKeyUsage.length === expectedUsage.length &&
    extendedKeyUsage.every((usage, index) => usage === expectedUsage[index])
  );
}

function sameSubject(actual: NodeJS.Dict<string | string[]>, expected: Readonly<Record<string, string>>): boolean {
  const actualKeys = Object.keys(actual).sort();
  const expectedKeys = Object.keys(expected).sort();
  return (
    actualKeys.length === expectedKeys.length &&
    actualKeys.every((key, index) => key === expectedKeys[index] && actual[key] === expected[key])
  );
}

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error: unknown) {
    if (hasErrorCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}
