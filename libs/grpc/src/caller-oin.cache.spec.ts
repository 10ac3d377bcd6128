import type { PeerCertificate } from 'node:tls';
import { type Caller, CallerIdentityError, CallerKindError, type CallWithAuthContext, callerFromCall } from './caller-identity';
import { CallerOinCache, http2SessionOf } from './caller-oin.cache';
import { OPERATOR_EXTENDED_KEY_USAGE } from './caller-identity';

const LEIDEN_OIN = '00000003281234560000';
const IND_OIN = '00000001003214345000';

/** One TLS connection: grpc-js keeps its HTTP/2 session at call → (nextCall…) → stream.session. */
interface Connection {
  readonly session: object;
  readonly subject: NodeJS.Dict<string>;
}

function connectionOf(subject: NodeJS.Dict<string>): Connection {
  return { session: {}, subject };
}

/** A grpc-js server call on `connection`, shaped as grpc-js builds it, with `interceptors` layers in between. */
function callOn(connection: Connection, interceptors = 0): CallWithAuthContext {
  let layer: object = { stream: { session: connection.session } };
  for (let i = 0; i < interceptors; i += 1) layer = { nextCall: layer };
  return {
    call: layer,
    getAuthContext: () => ({ transportSecurityType: 'ssl', sslPeerCertificate: { subject: connection.subject } as PeerCertificate }),
  } as CallWithAuthContext;
}

/** The real reader, counting how often it reads a certificate. */
function countingReader(): { reads: () => number; read: (call: CallWithAuthContext) => Caller } {
  let reads = 0;
  return {
    reads: () => reads,
    read: (call) => {
      reads += 1;
      return callerFromCall(call);
    },
  };
}

describe('CallerOinCache', () => {
  it('reads the certificate of a connection once, however many calls arrive on it', () => {
    const reader = countingReader();
    const cache = new CallerOinCache(reader.read);
    const leiden = connectionOf({ CN: 'university-leiden', serialNumber: LEIDEN_OIN });

    const oins = [callOn(leiden), callOn(leiden), callOn(leiden, 2)].map((call) => cache.oinOf(call));

    expect(oins).toEqual([LEIDEN_OIN, LEIDEN_OIN, LEIDEN_OIN]);
    expect(reader.reads()).toBe(1);
  });

  it('gives a second connection the OIN of its own certificate', () => {
    const reader = countingReader();
    const cache = new CallerOinCache(reader.read);
    const leiden = connectionOf({ CN: 'university-leiden', serialNumber: LEIDEN_OIN });
    const ind = connectionOf({ CN: 'ind', serialNumber: IND_OIN });

    expect(cache.oinOf(callOn(leiden))).toBe(LEIDEN_OIN);
    expect(cache.oinOf(callOn(ind))).toBe(IND_OIN);
    expect(cache.oinOf(callOn(leiden))).toBe(LEIDEN_OIN);
    expect(cache.oinOf(callOn(ind))).toBe(IND_OIN);
    expect(reader.reads()).toBe(2);
  });

  it('reads a new connection afresh even when it comes from the same party', () => {
    const reader = countingReader();
    const cache = new CallerOinCache(reader.read);
    const subject = { CN: 'university-leiden', serialNumber: LEIDEN_OIN };

    cache.oinOf(callOn(connectionOf(subject)));
    cache.oinOf(callOn(connectionOf(subject)));

    expect(reader.reads()).toBe(2);
  });

  it('refuses a certificate without an OIN on every call, never remembering it as valid', () => {
    const reader = countingReader();
    const cache = new CallerOinCache(reader.read);
    const noOin = connectionOf({ CN: 'no-oin' });

    for (let i = 0; i < 3; i += 1) {
      expect(() => cache.oinOf(callOn(noOin))).toThrow(
        expect.objectContaining({ code: 'UNAUTHENTICATED', reason: 'INVALID_OIN' }) as Error,
      );
    }
    expect(reader.reads()).toBe(3);
  });

  it('refuses a call without a client certificate on every call', () => {
    const reader = countingReader();
    const cache = new CallerOinCache(reader.read);
    const plaintext = { call: { stream: { session: {} } }, getAuthContext: () => ({}) } as CallWithAuthContext;

    expect(() => cache.oinOf(plaintext)).toThrow(CallerIdentityError);
    expect(() => cache.oinOf(plaintext)).toThrow(CallerIdentityError);
    expect(reader.reads()).toBe(2);
  });

  it('reads a call whose connection it cannot find every time instead of guessing one', () => {
    const reader = countingReader();
    const cache = new CallerOinCache(reader.read);
    const subject: NodeJS.Dict<string> = { CN: 'university-leiden', serialNumber: LEIDEN_OIN };
    const detached: CallWithAuthContext = {
      getAuthContext: () => ({ transportSecurityType: 'ssl', sslPeerCertificate: { subject } as PeerCertificate }),
    };

    expect([cache.oinOf(detached), cache.oinOf(detached)]).toEqual([LEIDEN_OIN, LEIDEN_OIN]);
    expect(reader.reads()).toBe(2);
  });
});

describe('CallerOinCache with operator certificates', () => {
  const HUB_OIN = '00000001999999990000';
  const operatorCall = (session: object): CallWithAuthContext =>
    ({
      call: { stream: { session } },
      getAuthContext: () => ({
        transportSecurityType: 'ssl',
        sslPeerCertificate: {
          subject: { CN: 'Anna de Vries', serialNumber: HUB_OIN, UID: 'operator-anna' },
          ext_key_usage: ['1.3.6.1.5.5.7.3.2', OPERATOR_EXTENDED_KEY_USAGE],
        } as unknown as PeerCertificate,
      }),
    }) as CallWithAuthContext;

  it('gives the operator to an operator-only handler and refuses it, on the same connection, as a party', () => {
    const cache = new CallerOinCache();
    const session = {};

    expect(cache.operatorOf(operatorCall(session))).toEqual({ oin: HUB_OIN, operatorId: 'operator-anna' });
    expect(() => cache.partyOf(operatorCall(session))).toThrow(
      expect.objectContaining({ code: 'PERMISSION_DENIED', reason: 'PARTY_CERTIFICATE_REQUIRED' }) as Error,
    );
    expect(() => cache.oinOf(operatorCall(session))).toThrow(CallerKindError);
  });

  it('refuses a party connection where an operator must call', () => {
    const cache = new CallerOinCache();
    const hub = connectionOf({ CN: 'hub', serialNumber: HUB_OIN });

    expect(cache.oinOf(callOn(hub))).toBe(HUB_OIN);
    expect(() => cache.operatorOf(callOn(hub))).toThrow(
      expect.objectContaining({ code: 'PERMISSION_DENIED', reason: 'OPERATOR_CERTIFICATE_REQUIRED' }) as Error,
    );
  });
});

describe('http2SessionOf', () => {
  it('finds the session below grpc-js interceptor layers', () => {
    const connection = connectionOf({});
    expect(http2SessionOf(callOn(connection, 3))).toBe(connection.session);
  });

  it('finds nothing on a call that is not a grpc-js server call', () => {
    expect(http2SessionOf({ getAuthContext: () => null })).toBeUndefined();
    expect(http2SessionOf({ call: { stream: {} }, getAuthContext: () => null } as CallWithAuthContext)).toBeUndefined();
  });
});
