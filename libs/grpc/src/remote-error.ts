import { status as GrpcStatus } from '@grpc/grpc-js';
import { assertUnreachable, DomainError, type DomainErrorCode } from '@welkom/errors';
import { decodeGrpcError } from './grpc-error.mapper';

/**
 * What a gRPC status from another service means here: `TRANSIENT` when the remote side (or the way to it) is
 * down, so nothing was decided and asking again later may succeed; otherwise the refusal as our own domain
 * code. One exhaustive switch, as every error mapping in the project: a status grpc-js adds does not compile
 * until it is placed.
 */
export function remoteOutcomeOf(code: GrpcStatus): DomainErrorCode | 'TRANSIENT' {
  switch (code) {
    case GrpcStatus.UNAVAILABLE:
    case GrpcStatus.DEADLINE_EXCEEDED:
    case GrpcStatus.INTERNAL:
    case GrpcStatus.UNKNOWN:
    case GrpcStatus.CANCELLED:
    case GrpcStatus.RESOURCE_EXHAUSTED:
    case GrpcStatus.ABORTED:
      return 'TRANSIENT';
    case GrpcStatus.INVALID_ARGUMENT:
    case GrpcStatus.OUT_OF_RANGE:
      return 'INVALID_ARGUMENT';
    case GrpcStatus.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    case GrpcStatus.PERMISSION_DENIED:
      return 'PERMISSION_DENIED';
    case GrpcStatus.NOT_FOUND:
      return 'NOT_FOUND';
    case GrpcStatus.ALREADY_EXISTS:
      return 'ALREADY_EXISTS';
    // A remote that cannot do what was asked, lost data, or answered an error with OK: a refusal, not a retry.
    case GrpcStatus.FAILED_PRECONDITION:
    case GrpcStatus.UNIMPLEMENTED:
    case GrpcStatus.DATA_LOSS:
    case GrpcStatus.OK:
      return 'FAILED_PRECONDITION';
    default:
      return assertUnreachable(code);
  }
}

/** A refusal by another service (the hub, the IND), kept as a value: its status, stable reason and field violations. */
export interface RemoteRejection {
  readonly code: DomainErrorCode;
  readonly reason: string;
  readonly message: string;
  readonly fieldViolations: { field: string; description: string }[];
}

/** What a failed call means: the other side said no (rejection), or it could not be reached (transient). */
export function classifyRemoteError(
  error: unknown,
): { transient: true; message: string } | { transient: false; rejection: RemoteRejection } {
  const grpcError = error as { code?: unknown; message?: string };
  // No status at all (a socket error, a bug in between): nothing was decided either.
  if (typeof grpcError?.code !== 'number') return { transient: true, message: grpcError?.message ?? String(error) };
  // A number outside grpc-js's enum is no status we can read: treat it as a refusal rather than retry forever.
  const outcome = grpcError.code in GrpcStatus ? remoteOutcomeOf(grpcError.code) : 'FAILED_PRECONDITION';
  if (outcome === 'TRANSIENT') return { transient: true, message: grpcError.message ?? String(error) };
  const decoded = decodeGrpcError(grpcError as Parameters<typeof decodeGrpcError>[0]);
  return {
    transient: false,
    rejection: { code: outcome, reason: decoded.reason ?? outcome, message: decoded.message, fieldViolations: decoded.fieldViolations },
  };
}

/** The rejection as this service's own error, so its caller gets the same status, reason and fields. */
export function rejectionError(rejection: RemoteRejection): DomainError {
  return new DomainError(rejection.code, rejection.message, { reason: rejection.reason, fieldViolations: rejection.fieldViolations });
}
