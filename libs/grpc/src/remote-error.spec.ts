import { status as GrpcStatus } from '@grpc/grpc-js';
import { DomainError } from '@welkom/errors';
import { toGrpcError } from './grpc-error.mapper';
import { classifyRemoteError, rejectionError, remoteOutcomeOf } from './remote-error';

describe('classifyRemoteError', () => {
  it('calls an unreachable service transient, so the caller retries later', () => {
    expect(classifyRemoteError({ code: GrpcStatus.UNAVAILABLE, message: 'connection refused' })).toEqual({
      transient: true,
      message: 'connection refused',
    });
    expect(classifyRemoteError(new Error('timeout'))).toEqual({ transient: true, message: 'timeout' });
  });

  it('keeps a refusal as a value with its status, reason and field violations', () => {
    const refusal = toGrpcError(DomainError.invalidArgument([{ field: 'subject.bsn', description: 'fails the 11-check' }]));
    const classified = classifyRemoteError(refusal);
    expect(classified).toMatchObject({
      transient: false,
      rejection: { code: 'INVALID_ARGUMENT', fieldViolations: [{ field: 'subject.bsn', description: 'fails the 11-check' }] },
    });
  });

  it('turns a rejection into the same error for this service’s own caller', () => {
    const classified = classifyRemoteError(toGrpcError(new DomainError('NOT_FOUND', 'No such case', { reason: 'CASE_NOT_FOUND' })));
    if (classified.transient) throw new Error('expected a rejection');
    const error = rejectionError(classified.rejection);
    expect([error.code, error.reason, error.message]).toEqual(['NOT_FOUND', 'CASE_NOT_FOUND', 'No such case']);
  });
});

describe('remoteOutcomeOf', () => {
  it('retries what may succeed later and keeps every other status as a refusal of our own', () => {
    expect(remoteOutcomeOf(GrpcStatus.DEADLINE_EXCEEDED)).toBe('TRANSIENT');
    expect(remoteOutcomeOf(GrpcStatus.OUT_OF_RANGE)).toBe('INVALID_ARGUMENT');
    expect(remoteOutcomeOf(GrpcStatus.UNIMPLEMENTED)).toBe('FAILED_PRECONDITION');
    expect(remoteOutcomeOf(GrpcStatus.PERMISSION_DENIED)).toBe('PERMISSION_DENIED');
  });

  it('reads a status number grpc-js does not know as a refusal, not as a reason to retry forever', () => {
    expect(classifyRemoteError({ code: 99, message: 'from the future' })).toMatchObject({
      transient: false,
      rejection: { code: 'FAILED_PRECONDITION' },
    });
  });
});
