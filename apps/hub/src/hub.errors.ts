import { assertUnreachable, DomainError, type DomainErrorCode, type DomainErrorOptions } from '@welkom/errors';

/**
 * Every stable reason the hub gives a caller (google.rpc.ErrorInfo.reason). Clients switch on these, so they
 * never change meaning; OOTS keeps its error codes stable for the same reason.
 */
export type HubErrorReason =
  | 'INVALID_REQUEST'
  | 'IDENTIFIER_ON_EVENT_BACKBONE'
  | 'UNKNOWN_PARTY'
  | 'NOT_HUB_OPERATOR'
  | 'NO_GRANT'
  | 'PURPOSE_NOT_GRANTED'
  | 'LEGAL_BASIS_NOT_GRANTED'
  | 'NO_RELATION'
  | 'EXPLICIT_REQUEST_REQUIRED'
  | 'NOT_AUTHORITATIVE_SOURCE'
  | 'NOT_RECOGNISED_SPONSOR'
  | 'NOT_THE_ISSUER'
  | 'FOREIGN_ANNOUNCEMENT'
  | 'NOT_LINK_AUTHORITY'
  | 'EVIDENCE_NOT_FOUND'
  | 'LINK_NOT_FOUND'
  | 'REQUEST_NOT_FOUND'
  | 'GRANT_NOT_FOUND'
  | 'EVIDENCE_REVOKED'
  | 'EVIDENCE_EXPIRED'
  | 'GRANT_ALREADY_ENDED'
  | 'GRANT_ALREADY_APPROVED'
  | 'FOUR_EYES_REQUIRED'
  | 'OPERATOR_NOT_REGISTERED'
  | 'OPERATOR_NOT_VALID'
  | 'OPERATOR_REVOKED'
  | 'SELF_REVOCATION'
  | 'OPERATOR_NOT_FOUND'
  | 'SOURCE_REFERENCE_CONFLICT'
  | 'PSEUDONYMISATION_NOT_CONFIGURED'
  | 'AUDIT_UNAVAILABLE'
  | 'VERIFICATION_RATE_LIMITED'
  | 'VAULT_INTEGRITY_VIOLATION';

/**
 * The one mapping from a hub reason to a domain error code (which libs/grpc maps to a gRPC status in its
 * own exhaustive switch). A new reason without a code does not compile.
 */
export function domainCodeFor(reason: HubErrorReason): DomainErrorCode {
  switch (reason) {
    case 'INVALID_REQUEST':
    case 'IDENTIFIER_ON_EVENT_BACKBONE':
      return 'INVALID_ARGUMENT';
    case 'UNKNOWN_PARTY':
      return 'UNAUTHENTICATED';
    case 'NOT_HUB_OPERATOR':
    case 'NO_GRANT':
    case 'PURPOSE_NOT_GRANTED':
    case 'LEGAL_BASIS_NOT_GRANTED':
    case 'NO_RELATION':
    case 'EXPLICIT_REQUEST_REQUIRED':
    case 'NOT_AUTHORITATIVE_SOURCE':
    case 'NOT_RECOGNISED_SPONSOR':
    case 'NOT_THE_ISSUER':
    case 'FOREIGN_ANNOUNCEMENT':
    case 'NOT_LINK_AUTHORITY':
    case 'FOUR_EYES_REQUIRED':
    case 'OPERATOR_NOT_REGISTERED':
    case 'OPERATOR_NOT_VALID':
    case 'OPERATOR_REVOKED':
    case 'SELF_REVOCATION':
      return 'PERMISSION_DENIED';
    case 'EVIDENCE_NOT_FOUND':
    case 'LINK_NOT_FOUND':
    case 'REQUEST_NOT_FOUND':
    case 'GRANT_NOT_FOUND':
    case 'OPERATOR_NOT_FOUND':
      return 'NOT_FOUND';
    case 'EVIDENCE_REVOKED':
    case 'EVIDENCE_EXPIRED':
    case 'GRANT_ALREADY_ENDED':
    case 'GRANT_ALREADY_APPROVED':
    case 'PSEUDONYMISATION_NOT_CONFIGURED':
      return 'FAILED_PRECONDITION';
    case 'SOURCE_REFERENCE_CONFLICT':
      return 'ALREADY_EXISTS';
    case 'AUDIT_UNAVAILABLE':
      return 'UNAVAILABLE';
    case 'VERIFICATION_RATE_LIMITED':
      return 'RESOURCE_EXHAUSTED';
    case 'VAULT_INTEGRITY_VIOLATION':
      return 'INTERNAL';
    default:
      return assertUnreachable(reason);
  }
}

/** A domain error whose reason is one of the hub's stable reasons. */
export class HubError extends DomainError {
  constructor(
    readonly hubReason: HubErrorReason,
    message: string,
    options: Omit<DomainErrorOptions, 'reason'> = {},
  ) {
    super(domainCodeFor(hubReason), message, { ...options, reason: hubReason });
    this.name = 'HubError';
  }
}

export function isHubError(error: unknown): error is HubError {
  return error instanceof HubError;
}

/** Refusals that the audit trail records with their reason (the caller asked for something it may not have). */
export type RefusalReason = Extract<
  HubErrorReason,
  | 'UNKNOWN_PARTY'
  | 'NO_GRANT'
  | 'PURPOSE_NOT_GRANTED'
  | 'LEGAL_BASIS_NOT_GRANTED'
  | 'NO_RELATION'
  | 'EXPLICIT_REQUEST_REQUIRED'
  | 'NOT_AUTHORITATIVE_SOURCE'
  | 'NOT_RECOGNISED_SPONSOR'
  | 'NOT_THE_ISSUER'
  | 'EVIDENCE_NOT_FOUND'
  | 'EVIDENCE_REVOKED'
  | 'EVIDENCE_EXPIRED'
  | 'VAULT_INTEGRITY_VIOLATION'
>;
