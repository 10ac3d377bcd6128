import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { oinFromPeerCertificate } from './caller-identity';

/**
 * A service learns which party it acts for from its own certificate, the same way its peers do, so the
 * OIN cannot be configured to anything the CA did not sign.
 */
export function oinFromCertificateFile(certificatePath: string): string {
  const certificate = new X509Certificate(readFileSync(certificatePath));
  const subject: Record<string, string> = {};
  for (const line of certificate.subject.split('\n')) {
    const separator = line.indexOf('=');
    if (separator > 0) subject[line.slice(0, separator)] = line.slice(separator + 1);
  }
  return oinFromPeerCertificate({ subject });
}
