import { status } from '@grpc/grpc-js';
import { DomainError } from '@welkom/errors';
import { decodeGrpcError, toGrpcError } from './grpc-error.mapper';

describe('the rich gRPC error of a rate limit', () => {
  it('carries the retry delay as google.rpc.RetryInfo beside the reason', () => {
    const limited = new DomainError('RESOURCE_EXHAUSTED', 'Too many verifications this hour', {
      reason: 'VERIFICATION_RATE_LIMITED',
      retryDelayMs: 1_234_567,
    });

    expect(decodeGrpcError(toGrpcError(limited))).toMatchObject({
      code: status.RESOURCE_EXHAUSTED,
      reason: 'VERIFICATION_RATE_LIMITED',
      retryDelayMs: 1_234_567,
    });
  });

  it('carries no retry delay when the error names none', () => {
    expect(decodeGrpcError(toGrpcError(new DomainError('NOT_FOUND', 'No such case'))).retryDelayMs).toBeUndefined();
  });
});
