import type { PeerCertificate } from 'node:tls';
import { DomainError } from '@welkom/errors';
import { isOin } from '@welkom/validation';

/** Why a call carries no usable party identity. Both surface as gRPC UNAUTHENTICATED. */
export type CallerIdentityFailure = 'NO_CLIENT_CERTIFICATE' | 'INVALID_OIN' | 'INVALID_SUB_UNIT';

/**
 * Who calls: the party (OIN in the certificate's `serialNumber`) and, for a sub-unit's own certificate (e.g. a
 * consular post), the sub-unit code in its OU; '' when the party itself calls.
 */
export interface CallingParty {
  readonly oin: string;
  readonly subUnit: string;
}

// As the party list writes sub-unit codes (libs/reference-data party.reference.ts).
const SUB_UNIT_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

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

/** A certificate subject as Node reports it; `serialNumber` (OIN) and `OU` (sub-unit) matter here. */
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
 * The party and sub-unit a certificate names: the OIN as oinFromPeerCertificate reads it, and the sub-unit code
 * from a single OU ('' without one). A repeated or malformed OU is refused rather than read as the party itself.
 * Whether the sub-unit belongs to the party is the service's call: it knows the party list.
 */
export function callerPartyFromPeerCertificate(certificate: CertificateWithSubject): CallingParty {
  const oin = oinFromPeerCertificate(certificate);
  const unit = certificate.subject?.OU;
  if (unit === undefined) return { oin, subUnit: '' };
  if (Array.isArray(unit)) {
    throw new CallerIdentityError('INVALID_SUB_UNIT', 'Client certificate has more than one subject OU (sub-unit)');
  }
  if (!SUB_UNIT_CODE.test(unit)) {
    throw new CallerIdentityError(
      'INVALID_SUB_UNIT',
      `Client certificate OU ${JSON.stringify(unit.slice(0, 64))} is not a sub-unit code (a-z, 0-9, -)`,
    );
  }
  return { oin, subUnit: unit };
}

/**
 * The calling party's OIN, taken only from the TLS client certificate that the server verified against
 * the party CA; request fields and metadata are caller-controlled and never consulted.
 *
 * In a NestJS `@GrpcMethod` handler `(data, metadata, call)` pass `call` (the grpc-js call object itself);
 * in a `@GrpcStreamCall` handler it is the first argument.
 */
export function callerOinFromCall(call: CallWithAuthContext): string {
  return oinFromPeerCertificate(verifiedCertificateOf(call));
}

/** The calling party and sub-unit (callerPartyFromPeerCertificate), from the verified client certificate only. */
export function callerPartyFromCall(call: CallWithAuthContext): CallingParty {
  return callerPartyFromPeerCertificate(verifiedCertificateOf(call));
}

function verifiedCertificateOf(call: CallWithAuthContext): CertificateWithSubject {
  // Guards against a copy of the call (e.g. `{ ...call }`), which loses the prototype method: fail closed.
  if (typeof call?.getAuthContext !== 'function') {
    throw new CallerIdentityError('NO_CLIENT_CERTIFICATE', 'No TLS context: not a grpc-js server call');
  }
  // grpc-js reports a certificate only on an authorised TLS connection; plaintext gives none.
  const certificate = call.getAuthContext()?.sslPeerCertificate;
  if (certificate === undefined) {
    throw new CallerIdentityError('NO_CLIENT_CERTIFICATE', 'The call has no verified client certificate');
  }
  return certificate;
}
