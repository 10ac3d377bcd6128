import { status } from '@grpc/grpc-js';
import { grpcStatusFor } from '@welkom/grpc';
import { domainCodeFor, HubError, type HubErrorReason } from './hub.errors';

// Every reason, listed once more: a reason added to the union but not here fails the type check below.
const REASONS = {
  INVALID_REQUEST: status.INVALID_ARGUMENT,
  IDENTIFIER_ON_EVENT_BACKBONE: status.INVALID_ARGUMENT,
  UNKNOWN_PARTY: status.UNAUTHENTICATED,
  NOT_HUB_OPERATOR: status.PERMISSION_DENIED,
  NO_GRANT: status.PERMISSION_DENIED,
  PURPOSE_NOT_GRANTED: status.PERMISSION_DENIED,
  LEGAL_BASIS_NOT_GRANTED: status.PERMISSION_DENIED,
  EXPLICIT_REQUEST_REQUIRED: status.PERMISSION_DENIED,
  NOT_AUTHORITATIVE_SOURCE: status.PERMISSION_DENIED,
  NOT_RECOGNISED_SPONSOR: status.PERMISSION_DENIED,
  NOT_THE_ISSUER: status.PERMISSION_DENIED,
  FOREIGN_ANNOUNCEMENT: status.PERMISSION_DENIED,
  NOT_LINK_AUTHORITY: status.PERMISSION_DENIED,
  LINK_NOT_FOUND: status.NOT_FOUND,
  EVIDENCE_NOT_FOUND: status.NOT_FOUND,
  REQUEST_NOT_FOUND: status.NOT_FOUND,
  GRANT_NOT_FOUND: status.NOT_FOUND,
  NO_RELATION: status.PERMISSION_DENIED,
  EVIDENCE_REVOKED: status.FAILED_PRECONDITION,
  EVIDENCE_EXPIRED: status.FAILED_PRECONDITION,
  GRANT_ALREADY_ENDED: status.FAILED_PRECONDITION,
  GRANT_ALREADY_APPROVED: status.FAILED_PRECONDITION,
  FOUR_EYES_REQUIRED: status.PERMISSION_DENIED,
  OPERATOR_NOT_REGISTERED: status.PERMISSION_DENIED,
  OPERATOR_NOT_VALID: status.PERMISSION_DENIED,
  OPERATOR_REVOKED: status.PERMISSION_DENIED,
  SELF_REVOCATION: status.PERMISSION_DENIED,
  OPERATOR_NOT_FOUND: status.NOT_FOUND,
  SOURCE_REFERENCE_CONFLICT: status.ALREADY_EXISTS,
  PSEUDONYMISATION_NOT_CONFIGURED: status.FAILED_PRECONDITION,
  AUDIT_UNAVAILABLE: status.UNAVAILABLE,
  VERIFICATION_RATE_LIMITED: status.RESOURCE_EXHAUSTED,
  VAULT_INTEGRITY_VIOLATION: status.INTERNAL,
} satisfies Record<HubErrorReason, status>;

describe('hub error reasons', () => {
  it.each(Object.entries(REASONS))('maps %s to gRPC status %i, never UNKNOWN', (reason, expected) => {
    expect(grpcStatusFor(domainCodeFor(reason as HubErrorReason))).toBe(expected);
  });

  it('carries the reason to the client in ErrorInfo', () => {
    const error = new HubError('NO_GRANT', 'No grant');
    expect(error.reason).toBe('NO_GRANT');
    expect(error.code).toBe('PERMISSION_DENIED');
  });
});
