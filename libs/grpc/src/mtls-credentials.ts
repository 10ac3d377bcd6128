import { readFileSync } from 'node:fs';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { ChannelCredentials, ServerCredentials, type VerifyOptions } from '@grpc/grpc-js';
import { CallerIdentityError, oinFromPeerCertificate } from './caller-identity';

/** One party's TLS identity plus the CA that all parties' certificates are checked against (PEM). */
export interface MtlsMaterial {
  readonly caCertificate: Buffer;
  readonly certificate: Buffer;
  readonly privateKey: Buffer;
}

export interface MtlsFiles {
  readonly caCertificatePath: string;
  readonly certificatePath: string;
  readonly privateKeyPath: string;
}

export interface ClientCredentialsOptions {
  /**
   * Also refuse the server unless its certificate carries this OIN: the host name check alone only says the
   * CA issued it for that name, not which party runs it.
   */
  readonly expectedServerOin?: string;
}

/** Server side of mTLS: a client without a certificate issued by the party CA does not get a connection. */
export function createServerCredentials(material: MtlsMaterial): ServerCredentials {
  const requireClientCertificate = true;
  return ServerCredentials.createSsl(
    material.caCertificate,
    [{ cert_chain: material.certificate, private_key: material.privateKey }],
    requireClientCertificate,
  );
}

/** Client side of mTLS: presents the party's certificate and trusts only the party CA (not the system roots). */
export function createClientCredentials(material: MtlsMaterial, options: ClientCredentialsOptions = {}): ChannelCredentials {
  const verifyOptions: VerifyOptions =
    options.expectedServerOin === undefined ? {} : { checkServerIdentity: serverOinCheck(options.expectedServerOin) };
  return ChannelCredentials.createSsl(material.caCertificate, material.privateKey, material.certificate, verifyOptions);
}

/**
 * Reads the PEM files once, synchronously: it runs while module options are built, before anything serves.
 * A missing file names the command that creates development certificates.
 */
export function loadMtlsMaterial(files: MtlsFiles): MtlsMaterial {
  return {
    caCertificate: readPem(files.caCertificatePath),
    certificate: readPem(files.certificatePath),
    privateKey: readPem(files.privateKeyPath),
  };
}

function serverOinCheck(expectedOin: string): (hostname: string, certificate: PeerCertificate) => Error | undefined {
  // grpc-js replaces Node's host name check with ours, so run it first.
  return (hostname, certificate) => {
    const hostError = checkServerIdentity(hostname, certificate);
    if (hostError !== undefined) return hostError;
    try {
      const serverOin = oinFromPeerCertificate(certificate);
      return serverOin === expectedOin ? undefined : new Error(`Server is OIN ${serverOin}, expected ${expectedOin}`);
    } catch (error: unknown) {
      if (error instanceof CallerIdentityError) return new Error(`Server certificate: ${error.message}`);
      throw error;
    }
  };
}

function readPem(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot read ${path} (${reason}). Development certificates: npm run certs`, { cause: error });
  }
}
