import {
  type Caller,
  type CallingOperator,
  type CallingParty,
  type CallWithAuthContext,
  CallerKindError,
  callerFromCall,
} from './caller-identity';

/** Reads the caller (party or operator) from a call's verified certificate, or throws CallerIdentityError. */
export type CallerReader = (call: CallWithAuthContext) => Caller;

/** grpc-js wraps its server calls a few layers deep (interceptors); more than this means the shape changed. */
const MAX_CALL_LAYERS = 16;

/**
 * The caller's OIN and sub-unit, read once per connection. `getAuthContext()` runs Node's `getPeerCertificate()`, which
 * builds the whole certificate object (subject, issuer, key, three fingerprints) on every call: about 16 % of
 * the hub's CPU under load (issue 17).
 *
 * Why a per-connection entry cannot serve a wrong identity:
 * - it is keyed by the call's HTTP/2 session object (one per TLS connection), not by address or certificate
 *   value, so a new connection — whatever certificate it shows — is read afresh, and the entry is collected
 *   with the session;
 * - a connection's certificate cannot change: Node refuses TLS renegotiation on HTTP/2 connections
 *   (ERR_HTTP2_SOCKET_TLS_RENEGOTIATION_FORBIDDEN, as RFC 9113 §9.2.1 requires) and TLS 1.3 has none;
 * - only an accepted identity is kept: a refused certificate is read and refused again on every call;
 * - a call whose connection cannot be found (another grpc-js layout, a test double) is read uncached.
 */
export class CallerOinCache {
  private readonly callerBySession = new WeakMap<object, Caller>();

  constructor(private readonly readCaller: CallerReader = callerFromCall) {}

  oinOf(call: CallWithAuthContext): string {
    return this.partyOf(call).oin;
  }

  /** The calling party; an operator's personal certificate is refused (PERMISSION_DENIED) where a party must call. */
  partyOf(call: CallWithAuthContext): CallingParty {
    const caller = this.callerOf(call);
    if (caller.kind === 'party') return caller.party;
    throw new CallerKindError(
      'PARTY_CERTIFICATE_REQUIRED',
      `Operator ${caller.operator.operatorId} called with a personal operator certificate where a party certificate is required`,
    );
  }

  /** The calling operator in person; a party certificate is refused (PERMISSION_DENIED) where an operator must call. */
  operatorOf(call: CallWithAuthContext): CallingOperator {
    const caller = this.callerOf(call);
    if (caller.kind === 'operator') return caller.operator;
    throw new CallerKindError(
      'OPERATOR_CERTIFICATE_REQUIRED',
      `Party ${caller.party.oin} called with a party certificate where an operator's personal certificate is required`,
    );
  }

  callerOf(call: CallWithAuthContext): Caller {
    const session = http2SessionOf(call);
    if (session === undefined) return this.readCaller(call);
    const known = this.callerBySession.get(session);
    if (known !== undefined) return known;
    const caller = this.readCaller(call);
    this.callerBySession.set(session, caller);
    return caller;
  }
}

/**
 * The Node HTTP/2 session a grpc-js server call arrived on. grpc-js exposes no connection handle, so this follows
 * its call objects (`call` → `nextCall`… → `stream`) to the public `Http2Stream.session`; libs/grpc/test/mtls.int-spec.ts
 * checks it against the installed grpc-js.
 */
export function http2SessionOf(call: CallWithAuthContext): object | undefined {
  let layer = propertyOf(call, 'call');
  for (let depth = 0; depth < MAX_CALL_LAYERS && layer !== undefined; depth += 1) {
    const stream = propertyOf(layer, 'stream');
    if (stream !== undefined) return propertyOf(stream, 'session');
    layer = propertyOf(layer, 'nextCall');
  }
  return undefined;
}

function propertyOf(value: unknown, key: string): object | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const property: unknown = (value as Record<string, unknown>)[key];
  return typeof property === 'object' && property !== null ? property : undefined;
}

/** The process's cache, shared by `@CallerOin()` and guards so a call's connection is read once for all of them. */
export const callerOins = new CallerOinCache();
