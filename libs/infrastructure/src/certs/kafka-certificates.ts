import { join, resolve } from 'node:path';
import { isReusablePartyCertificate, readCertificate } from './certificate-checks';
import { issue, issueLeafCertificate, type ExtendedKeyUsage, type IssuedFiles } from './dev-certificates';
import { withDirectoryLock } from './directory-lock';

/**
 * The development broker's own identities, issued by the development CA beside the party certificates:
 * - `kafka-broker` serves the SSL listeners and, as a client, talks to the other listeners of its cluster
 *   (inter-broker and controller traffic), so it holds serverAuth and clientAuth;
 * - `welkom-kafka-admin` is the project's own tooling: topic creation and ACLs at start, and the test harness that
 *   reads and plants records on any topic as the parties' stand-in. It never serves, so clientAuth only.
 * Both are super users of the development broker; no party certificate is.
 */
export const KAFKA_BROKER_IDENTITY = 'kafka-broker';
export const KAFKA_ADMIN_IDENTITY = 'welkom-kafka-admin';

export interface KafkaIdentityFiles extends IssuedFiles {
  /** The certificate's CN, which the broker's principal mapping turns into `User:<cn>`. */
  readonly commonName: string;
}

export interface KafkaCertificates {
  readonly broker: KafkaIdentityFiles;
  readonly admin: KafkaIdentityFiles;
  /** What this call issued; empty when both were still good. */
  readonly generated: readonly string[];
}

const ORGANISATION = 'Welkom Hub development';
const RENEW_BEFORE_DAYS = 30;

interface KafkaIdentity {
  readonly commonName: string;
  readonly extendedKeyUsage: ExtendedKeyUsage[];
  readonly dnsName: string;
}

const IDENTITIES: readonly KafkaIdentity[] = [
  { commonName: KAFKA_BROKER_IDENTITY, extendedKeyUsage: ['serverAuth', 'clientAuth'], dnsName: 'localhost' },
  { commonName: KAFKA_ADMIN_IDENTITY, extendedKeyUsage: ['clientAuth'], dnsName: KAFKA_ADMIN_IDENTITY },
];

/**
 * Makes sure `dir` (a directory ensureDevCertificates has filled, so its CA exists) holds the broker's and the
 * tooling's certificates, issuing only what is missing, near expiry or not signed by the current CA.
 */
export async function ensureKafkaCertificates(dir: string, options: { now?: Date; openssl?: string } = {}): Promise<KafkaCertificates> {
  const absoluteDir = resolve(dir);
  const now = options.now ?? new Date();
  const openssl = options.openssl ?? 'openssl';
  return withDirectoryLock(absoluteDir, async () => {
    const caFiles = { certificatePath: join(absoluteDir, 'ca.crt'), privateKeyPath: join(absoluteDir, 'ca.key') };
    const ca = await readCertificate(caFiles.certificatePath, caFiles.privateKeyPath);
    if (ca === undefined) throw new Error(`${absoluteDir} has no development CA; issue the party certificates first`);
    const generated: string[] = [];
    const files: KafkaIdentityFiles[] = [];
    for (const identity of IDENTITIES) {
      const target = {
        commonName: identity.commonName,
        certificatePath: join(absoluteDir, `${identity.commonName}.crt`),
        privateKeyPath: join(absoluteDir, `${identity.commonName}.key`),
      };
      const subjectAltName = identity.dnsName === 'localhost' ? 'DNS:localhost, IP:127.0.0.1' : `DNS:${identity.dnsName}`;
      const expected = {
        subject: { C: 'NL', O: ORGANISATION, CN: identity.commonName },
        subjectAltName: subjectAltName.replace('IP:', 'IP Address:'),
        extendedKeyUsage: identity.extendedKeyUsage,
      };
      const onDisk = await readCertificate(target.certificatePath, target.privateKeyPath);
      if (onDisk === undefined || !isReusablePartyCertificate(onDisk, ca.certificate, expected, RENEW_BEFORE_DAYS, now)) {
        await issue(absoluteDir, target, (work) =>
          issueLeafCertificate(openssl, work, caFiles, {
            subject: `/C=NL/O=${ORGANISATION}/CN=${identity.commonName}`,
            extendedKeyUsage: identity.extendedKeyUsage,
            subjectAltName,
          }),
        );
        generated.push(identity.commonName);
      }
      files.push(target);
    }
    return { broker: files[0], admin: files[1], generated };
  });
}
