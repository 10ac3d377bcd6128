import type { PeerCertificate } from 'node:tls';
import type { ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { CallerIdentityError, type CallWithAuthContext } from './caller-identity';
import { CallerOin, callerOinRequired } from './caller-oin.decorator';

const LEIDEN_OIN = '00000003281234560000';

type ParamFactory = (data: unknown, context: ExecutionContext) => unknown;

/** What Nest runs for a `@CallerOin()` parameter, taken from the metadata the decorator leaves. */
function callerOinFactory(): ParamFactory {
  class Handler {
    handle(_request: unknown, _metadata: unknown, @CallerOin() _caller: string): void {}
  }
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Handler, 'handle') as Record<string, { index: number; factory: ParamFactory }>;
  const [entry] = Object.values(args);
  expect(entry.index).toBe(2);
  return entry.factory;
}

/** A gRPC handler's execution context: (request, metadata, call). */
function grpcContext(call: CallWithAuthContext): ExecutionContext {
  const args = [{}, {}, call];
  return { getArgByIndex: (index: number) => args[index], getArgs: () => args, getType: () => 'rpc' } as unknown as ExecutionContext;
}

function callWith(subject: NodeJS.Dict<string> | undefined): CallWithAuthContext {
  return {
    getAuthContext: () =>
      subject === undefined ? {} : { transportSecurityType: 'ssl', sslPeerCertificate: { subject } as PeerCertificate },
  };
}

describe('@CallerOin()', () => {
  it('gives the handler the OIN of the verified client certificate of the call', () => {
    expect(callerOinFactory()(undefined, grpcContext(callWith({ CN: 'university-leiden', serialNumber: LEIDEN_OIN })))).toBe(LEIDEN_OIN);
  });

  it('refuses a call whose certificate carries no OIN as UNAUTHENTICATED', () => {
    const factory = callerOinFactory();
    expect(() => factory(undefined, grpcContext(callWith({ CN: 'no-oin' })))).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED', reason: 'INVALID_OIN' }) as Error,
    );
  });

  it('refuses a call without a client certificate as UNAUTHENTICATED', () => {
    const factory = callerOinFactory();
    expect(() => factory(undefined, grpcContext(callWith(undefined)))).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED', reason: 'NO_CLIENT_CERTIFICATE' }) as Error,
    );
  });

  it('fails closed when a handler is called without Nest filling the parameter', () => {
    expect(() => callerOinRequired()).toThrow(CallerIdentityError);
  });
});
