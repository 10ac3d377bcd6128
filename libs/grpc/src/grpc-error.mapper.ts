import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { BadRequest, ErrorInfo, PreconditionFailure, RetryInfo } from '@welkom/contracts/generated/google/rpc/error_details';
import { Status } from '@welkom/contracts/generated/google/rpc/status';
import { assertUnreachable, DomainError, type DomainErrorCode } from '@welkom/errors';

/** The error domain in google.rpc.ErrorInfo, so clients can tell our reasons from a proxy's. */
export const ERROR_DOMAIN = 'welkom-hub.nl';

/** One exhaustive mapping: a new DomainErrorCode without a gRPC status does not compile. */
export function grpcStatusFor(code: DomainErrorCode): GrpcStatus {
  switch (code) {
    case 'INVALID_ARGUMENT':
      return GrpcStatus.INVALID_ARGUMENT;
    case 'UNAUTHENTICATED':
      return GrpcStatus.UNAUTHENTICATED;
    case 'PERMISSION_DENIED':
      return GrpcStatus.PERMISSION_DENIED;
    case 'NOT_FOUND':
      return GrpcStatus.NOT_FOUND;
    case 'ALREADY_EXISTS':
      return GrpcStatus.ALREADY_EXISTS;
    case 'FAILED_PRECONDITION':
      return GrpcStatus.FAILED_PRECONDITION;
    case 'RESOURCE_EXHAUSTED':
      return GrpcStatus.RESOURCE_EXHAUSTED;
    case 'UNAVAILABLE':
      return GrpcStatus.UNAVAILABLE;
    case 'DEADLINE_EXCEEDED':
      return GrpcStatus.DEADLINE_EXCEEDED;
    case 'INTERNAL':
      return GrpcStatus.INTERNAL;
    default:
      return assertUnreachable(code);
  }
}

/** The HTTP status of a domain error, for services that also answer over HTTP (the same codes as gRPC). */
export function httpStatusFor(code: DomainErrorCode): number {
  switch (code) {
    case 'INVALID_ARGUMENT':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'PERMISSION_DENIED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'ALREADY_EXISTS':
      return 409;
    case 'FAILED_PRECONDITION':
      return 412;
    case 'RESOURCE_EXHAUSTED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    case 'DEADLINE_EXCEEDED':
      return 504;
    case 'INTERNAL':
      return 500;
    default:
      return assertUnreachable(code);
  }
}

/** What grpc-js turns into a status on the wire: code, details text and trailing metadata. */
export interface GrpcErrorPayload {
  code: GrpcStatus;
  details: string;
  message: string;
  metadata: Metadata;
}

const TYPE_PREFIX = 'type.googleapis.com/';

function packAny(typeName: string, writer: BinaryWriter): { typeUrl: string; value: Uint8Array } {
  return { typeUrl: TYPE_PREFIX + typeName, value: writer.finish() };
}

/**
 * Rich error model (https://cloud.google.com/apis/design/errors): the status travels in the
 * `grpc-status-details-bin` trailer as google.rpc.Status with ErrorInfo, BadRequest and
 * PreconditionFailure details, so clients get field violations, not just a sentence.
 */
export function toGrpcError(error: DomainError): GrpcErrorPayload {
  const code = grpcStatusFor(error.code);
  const details = [
    packAny('google.rpc.ErrorInfo', ErrorInfo.encode({ reason: error.reason, domain: ERROR_DOMAIN, metadata: { ...error.metadata } })),
  ];
  if (error.fieldViolations.length > 0) {
    details.push(packAny('google.rpc.BadRequest', BadRequest.encode({ fieldViolations: [...error.fieldViolations] })));
  }
  if (error.preconditionViolations.length > 0) {
    details.push(packAny('google.rpc.PreconditionFailure', PreconditionFailure.encode({ violations: [...error.preconditionViolations] })));
  }
  if (error.retryDelayMs !== undefined) {
    details.push(packAny('google.rpc.RetryInfo', RetryInfo.encode({ retryDelay: durationOf(error.retryDelayMs) })));
  }
  const metadata = new Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(Status.encode({ code, message: error.message, details }).finish()));
  return { code, details: error.message, message: error.message, metadata };
}

/** Whole milliseconds as a google.protobuf.Duration (int64 seconds as a decimal string, forceLong=string). */
function durationOf(milliseconds: number): { seconds: string; nanos: number } {
  const whole = Math.max(0, Math.ceil(milliseconds));
  return { seconds: String(Math.floor(whole / 1000)), nanos: (whole % 1000) * 1_000_000 };
}

/** The decoded rich error of a failed call, for clients and tests. */
export interface DecodedGrpcError {
  code: number;
  message: string;
  reason?: string;
  fieldViolations: { field: string; description: string }[];
  preconditionViolations: { type: string; subject: string; description: string }[];
  /** google.rpc.RetryInfo's delay, when the status carries one. */
  retryDelayMs?: number;
}

export function decodeGrpcError(error: { code?: number; details?: string; metadata?: Metadata }): DecodedGrpcError {
  const decoded: DecodedGrpcError = {
    code: error.code ?? GrpcStatus.UNKNOWN,
    message: error.details ?? '',
    fieldViolations: [],
    preconditionViolations: [],
  };
  const raw = error.metadata?.get('grpc-status-details-bin')[0];
  if (!Buffer.isBuffer(raw)) return decoded;
  const status = Status.decode(raw);
  for (const detail of status.details) {
    const typeName = detail.typeUrl.slice(detail.typeUrl.lastIndexOf('/') + 1);
    if (typeName === 'google.rpc.ErrorInfo') decoded.reason = ErrorInfo.decode(detail.value).reason;
    if (typeName === 'google.rpc.BadRequest') decoded.fieldViolations = BadRequest.decode(detail.value).fieldViolations;
    if (typeName === 'google.rpc.PreconditionFailure') {
      decoded.preconditionViolations = PreconditionFailure.decode(detail.value).violations;
    }
    if (typeName === 'google.rpc.RetryInfo') {
      const delay = RetryInfo.decode(detail.value).retryDelay;
      if (delay) decoded.retryDelayMs = Number(delay.seconds) * 1000 + Math.round(delay.nanos / 1_000_000);
    }
  }
  return decoded;
}
