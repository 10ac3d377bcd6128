import type { PeerCertificate } from 'node:tls';
import { DomainError } from '@welkom/errors';
import { isOin, OPERATOR_ID_PATTERN } from '@welkom/validation';

/** Why a call carries no usable identity. All surface as gRPC UNAUTHENTICATED. */
export type CallerIdentityFailure = 'NO_CLIENT_CERTIFICATE' | 'INVALID_OIN' | 'INVALID_SUB_UNIT' | 'INVALID_OPERATOR_ID';

/** A valid certificate of the wrong kind for the call: PERMISSION_DENIED, the caller is known but may not do this. */
export type CallerKindFailure = 'PARTY_CERTIFICATE_REQUIRED' | 'OPERATOR_CERTIFICATE_REQUIRED';

/**
 * The extended key usage that makes a certificate an operator's personal one (issue 12): a UUID-based OID
 * (ITU-T X.667, arc 2.25, no registration needed) that party certificates never carry.
 *
 * Why an extended key usage under the party CA rather than a separate operator CA: the organisation is already
 * bound by the OIN in `serialNumber`, which only the hub operator's organisation can get into a certificate; the
 * key usage says "acting as a person", and the UID says which person. Every server keeps one trust anchor, and the
 * role is a signed part of the certificate that no request field can add. An operator certificate carries
 * clientAuth only: an operator never serves.
 */
export const OPERATOR_EXTENDED_KEY_USAGE = '2.25.74023533726877590155983041116183122799';

/**
 * Who calls: the party (OIN in the certificate's `serialNumber`) and, for a sub-unit's own certificate (e.g. a
 * consular post), the sub-unit code in its OU; '' when the party itself calls.
 */
export interface CallingParty {
  readonly oin: string;
  readonly subUnit: string;
}

/**
 * A person acting for the hub operator: the operator's OIN (`serialNumber`) and the person's identifier (`UID`),
 * from a certificate with OPERATOR_EXTENDED_KEY_USAGE. The identifier is what the audit trail records.
 */
export interface CallingOperator {
  readonly oin: string;
  readonly operatorId: string;
}

/** Who calls, by the kind of certificate: a party (or one of its sub-units), or an operator in person. */
export type Caller =
  { readonly kind: 'party'; readonly party: CallingParty } | { readonly kind: 'operator'; readonly operator: CallingOperator };

// As the party list writes sub-unit codes (libs/reference-data party.reference.ts).
const SUB_UNIT_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class CallerKindError extends DomainError {
  constructor(
    readonly failure: CallerKindFailure,
    message: string,
  ) {
    super('PERMISSION_DENIED', message, { reason: failure });
    this.name = 'CallerKindError';
  }
}

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

/**
 * A certificate subject as Node reports it; `serialNumber` (OIN), `OU` (sub-unit) and `UID` (operator) matter here,
 * and the extended key usage (`ext_key_usage`) tells an operator's certificate from a party's.
 */
export interface CertificateWithSubject {
  readonly subject?: PeerCertificate['subject'];
  readonly ext_key_usage?: readonly string[];
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
  const caller = callerFromPeerCertificate(certificate);
  if (caller.kind === 'operator') {
    throw new CallerKindError(
      'PARTY_CERTIFICATE_REQUIRED',
      `Operator ${caller.operator.operatorId} called with a personal operator certificate where a party certificate is required`,
    );
  }
  return caller.party;
}

/** The operator a certificate names (callerFromPeerCertificate); a party certificate is refused with PERMISSION_DENIED. */
export function callerOperatorFromPeerCertificate(certificate: CertificateWithSubject): CallingOperator {
  const caller = callerFromPeerCertificate(certificate);
  if (caller.kind === 'party') {
    throw new CallerKindError(
      'OPERATOR_CERTIFICATE_REQUIRED',
      `Party ${caller.party.oin} called with a party certificate where an operator's personal certificate is required`,
    );
  }
  return caller.operator;
}

/**
 * Who a certificate names: with OPERATOR_EXTENDED_KEY_USAGE an operator (OIN and a single UID, no OU), otherwise a
 * party and sub-unit (OIN and at most one OU). Anything malformed is refused rather than read as something else.
 */
export function callerFromPeerCertificate(certificate: CertificateWithSubject): Caller {
  if (certificate.ext_key_usage?.includes(OPERATOR_EXTENDED_KEY_USAGE)) return { kind: 'operator', operator: operatorOf(certificate) };
  return { kind: 'party', party: partyOf(certificate) };
}

function operatorOf(certificate: CertificateWithSubject): CallingOperator {
  const oin = oinFromPeerCertificate(certificate);
  const operatorId = certificate.subject?.UID;
  if (certificate.subject?.OU !== undefined) {
    throw new CallerIdentityError('INVALID_OPERATOR_ID', 'An operator certificate names a person, not a sub-unit (OU)');
  }
  if (typeof operatorId !== 'string' || !OPERATOR_ID_PATTERN.test(operatorId)) {
    throw new CallerIdentityError(
      'INVALID_OPERATOR_ID',
      `An operator certificate needs a single subject UID (the person: a-z, 0-9, ".", "-"), not ${JSON.stringify(operatorId ?? null).slice(0, 64)}`,
    );
  }
  return { oin, operatorId };
}

function partyOf(certificate: CertificateWithSubject): CallingParty {
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
  return callerPartyFromPeerCertificate(verifiedCertificateOf(call)).oin;
}

/** The calling party and sub-unit (callerPartyFromPeerCertificate), from the verified client certificate only. */
export function callerPartyFromCall(call: CallWithAuthContext): CallingParty {
  return callerPartyFromPeerCertificate(verifiedCertificateOf(call));
}

/** The caller, party or operator (callerFromPeerCertificate), from the verified client certificate only. */
export function callerFromCall(call: CallWithAuthContext): Caller {
  return callerFromPeerCertificate(verifiedCertificateOf(call));
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
