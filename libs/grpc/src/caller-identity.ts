import type { PeerCertificate } from 'node:tls';
import { DomainError } from '@welkom/errors';
import { isOin } from '@welkom/validation';

/** Why a call carries no usable party identity. Both surface as gRPC UNAUTHENTICATED. */
export type CallerIdentityFailure = 'NO_CLIENT_CERTIFICATE' | 'INVALID_OIN';

export class CallerIdentityError extends DomainError {
  constructor(
    readonly failure: CallerIdentityFailure,
    message: string,
  ) {
    super('UNAUTHENTICATED', message, { reason: failure });
    this.name = 'CallerIdentityError';
  }
}

/**
 * The part of a grpc-js server call (ServerUnaryCall, ServerReadableStream, ServerWritableStream,
 * ServerDuplexStream) that identity needs. grpc-js does not export its AuthContext type, hence the copy.
 */
export interface CallWithAuthContext {
  getAuthContext(): {
    readonly transportSecurityType?: string;
    readonly sslPeerCertificate?: PeerCertificate;
  } | null;
}

/** A certificate subject as Node reports it; only `serialNumber` matters here. */
export interface CertificateWithSubject {
  readonly subject?: PeerCertificate['subject'];
}

/**
 * The OIN a party certificate carries in its subject `serialNumber` attribute, as PKIoverheid certificates
 * do. Anything else (absent, repeated, not 20 digits) is refused rather than guessed at.
 */
export function oinFromPeerCertificate(certificate: CertificateWithSubject): string {
  const serialNumber = certificate.subject?.serialNumber;
  if (serialNumber === undefined) {
    throw new CallerIdentityError('INVALID_OIN', 'Client certificate has no subject serialNumber (OIN)');
  }
  if (Array.isArray(serialNumber)) {
    throw new CallerIdentityError('INVALID_OIN', 'Client certificate has more than one subject serialNumber');
  }
  if (!isOin(serialNumber)) {
    throw new CallerIdentityError(
      'INVALID_OIN',
      `Client certificate serialNumber ${JSON.stringify(serialNumber.slice(0, 64))} is not an OIN (20 digits)`,
    );
  }
  return serialNumber;
}

/**
 * The calling party's OIN, taken only from the TLS client certificate that the server verified against
 * the party CA; request fields and metadata are caller-controlled and never consulted.
 *
 * In a NestJS `@GrpcMethod` handler `(data, metadata, call)` pass `call` (the grpc-js call object itself);
 * in a `@GrpcStreamCall` handler it is the first argument.
 */
export function callerOinFromCall(call: CallWithAuthContext): string {
  // Guards against a copy of the call (e.g. `{ ...call }`), which loses the prototype method: fail closed.
  if (typeof call?.getAuthContext !== 'function') {
    throw new CallerIdentityError('NO_CLIENT_CERTIFICATE', 'No TLS context: not a grpc-js server call');
  }
  // grpc-js reports a certificate only on an authorised TLS connection; plaintext gives none.
  const certificate = call.getAuthContext()?.sslPeerCertificate;
  if (certificate === undefined) {
    throw new CallerIdentityError('NO_CLIENT_CERTIFICATE', 'The call has no verified client certificate');
  }
  return oinFromPeerCertificate(certificate);
}
