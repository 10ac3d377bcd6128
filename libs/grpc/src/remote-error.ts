import { status as GrpcStatus } from '@grpc/grpc-js';
import { DomainError, type DomainErrorCode } from '@welkom/errors';
import { decodeGrpcError } from './grpc-error.mapper';

// The remote side (or the way to it) is down: nothing was decided, asking again later may succeed.
const TRANSIENT = new Set<number>([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.INTERNAL,
  GrpcStatus.UNKNOWN,
  GrpcStatus.CANCELLED,
  GrpcStatus.RESOURCE_EXHAUSTED,
  GrpcStatus.ABORTED,
]);

const DOMAIN_CODE: Partial<Record<number, DomainErrorCode>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 'INVALID_ARGUMENT',
  [GrpcStatus.UNAUTHENTICATED]: 'UNAUTHENTICATED',
  [GrpcStatus.PERMISSION_DENIED]: 'PERMISSION_DENIED',
  [GrpcStatus.NOT_FOUND]: 'NOT_FOUND',
  [GrpcStatus.ALREADY_EXISTS]: 'ALREADY_EXISTS',
  [GrpcStatus.FAILED_PRECONDITION]: 'FAILED_PRECONDITION',
  [GrpcStatus.OUT_OF_RANGE]: 'INVALID_ARGUMENT',
  [GrpcStatus.UNIMPLEMENTED]: 'FAILED_PRECONDITION',
};

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
  if (typeof grpcError?.code !== 'number' || TRANSIENT.has(grpcError.code)) {
    return { transient: true, message: grpcError?.message ?? String(error) };
  }
  const decoded = decodeGrpcError(grpcError as Parameters<typeof decodeGrpcError>[0]);
  const code = DOMAIN_CODE[decoded.code] ?? 'FAILED_PRECONDITION';
  return {
    transient: false,
    rejection: { code, reason: decoded.reason ?? code, message: decoded.message, fieldViolations: decoded.fieldViolations },
  };
}

/** The rejection as this service's own error, so its caller gets the same status, reason and fields. */
export function rejectionError(rejection: RemoteRejection): DomainError {
  return new DomainError(rejection.code, rejection.message, { reason: rejection.reason, fieldViolations: rejection.fieldViolations });
}
