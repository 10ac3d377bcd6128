import type { PeerCertificate } from 'node:tls';
import { DomainError } from '@welkom/errors';
import {
  CallerIdentityError,
  type CallWithAuthContext,
  type CertificateWithSubject,
  CallerKindError,
  callerFromPeerCertificate,
  callerOinFromCall,
  callerOperatorFromPeerCertificate,
  callerPartyFromPeerCertificate,
  OPERATOR_EXTENDED_KEY_USAGE,
  oinFromPeerCertificate,
} from './caller-identity';

const LEIDEN_OIN = '00000003281234560000';

function certificateWithSubject(subject: NodeJS.Dict<string | string[]>): CertificateWithSubject {
  return { subject: { C: 'NL', O: 'Universiteit Leiden', CN: 'university-leiden', ...subject } };
}

function refusal(action: () => unknown): CallerIdentityError {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof CallerIdentityError) return error;
    throw error;
  }
  throw new Error('expected a CallerIdentityError, but nothing was thrown');
}

describe('oinFromPeerCertificate', () => {
  it('returns the OIN from the subject serialNumber', () => {
    expect(oinFromPeerCertificate(certificateWithSubject({ serialNumber: LEIDEN_OIN }))).toBe(LEIDEN_OIN);
  });

  it('refuses a certificate without a serialNumber', () => {
    const error = refusal(() => oinFromPeerCertificate(certificateWithSubject({})));
    expect(error.failure).toBe('INVALID_OIN');
    expect(error.message).toMatch(/no subject serialNumber/);
  });

  it('refuses a certificate without a subject at all', () => {
    expect(refusal(() => oinFromPeerCertificate({})).failure).toBe('INVALID_OIN');
  });

  it.each([
    ['19 digits', '0000000328123456000'],
    ['21 digits', '000000032812345600000'],
    ['letters', '0000000328123456000A'],
    ['surrounding spaces', ` ${LEIDEN_OIN} `],
    ['a KvK number only', '28123456'],
    ['non-ASCII digits', '٠٠٠٠٠٠٠٣٢٨١٢٣٤٥٦٠٠٠٠'],
  ])('refuses a serialNumber with %s', (_label, serialNumber) => {
    const error = refusal(() => oinFromPeerCertificate(certificateWithSubject({ serialNumber })));
    expect(error.failure).toBe('INVALID_OIN');
  });

  it('refuses a certificate with two serialNumber attributes rather than picking one', () => {
    const subject = { serialNumber: [LEIDEN_OIN, '00000001812345670000'] };
    expect(refusal(() => oinFromPeerCertificate(certificateWithSubject(subject))).failure).toBe('INVALID_OIN');
  });

  it('is an UNAUTHENTICATED domain error, so the gRPC error mapping needs no special case', () => {
    const error = refusal(() => oinFromPeerCertificate(certificateWithSubject({ serialNumber: 'x' })));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.reason).toBe('INVALID_OIN');
  });
});

describe('callerOinFromCall', () => {
  function callWith(sslPeerCertificate: CertificateWithSubject | undefined): CallWithAuthContext {
    return {
      getAuthContext: () =>
        sslPeerCertificate === undefined ? {} : { transportSecurityType: 'ssl', sslPeerCertificate: sslPeerCertificate as PeerCertificate },
    };
  }

  it('returns the OIN of the verified client certificate', () => {
    expect(callerOinFromCall(callWith(certificateWithSubject({ serialNumber: LEIDEN_OIN })))).toBe(LEIDEN_OIN);
  });

  it('refuses a call without a client certificate', () => {
    expect(refusal(() => callerOinFromCall(callWith(undefined))).failure).toBe('NO_CLIENT_CERTIFICATE');
  });

  it('refuses a call whose auth context is null', () => {
    expect(refusal(() => callerOinFromCall({ getAuthContext: () => null })).failure).toBe('NO_CLIENT_CERTIFICATE');
  });

  it('refuses a spread copy of a call, which loses the prototype method getAuthContext', () => {
    class PrototypeCall {
      readonly metadata = { 'x-caller-oin': LEIDEN_OIN };
      getAuthContext() {
        return { sslPeerCertificate: certificateWithSubject({ serialNumber: LEIDEN_OIN }) as PeerCertificate };
      }
    }
    const copied = { ...new PrototypeCall() };
    const error = refusal(() => callerOinFromCall(copied as unknown as CallWithAuthContext));
    expect(error.failure).toBe('NO_CLIENT_CERTIFICATE');
  });

  it('passes on an invalid OIN in an otherwise verified certificate', () => {
    const call = callWith(certificateWithSubject({ serialNumber: '1234' }));
    expect(refusal(() => callerOinFromCall(call)).failure).toBe('INVALID_OIN');
  });
});

describe('callerPartyFromPeerCertificate', () => {
  it.each([
    ['a party certificate (no OU) is the party itself', {}, ''],
    ['a sub-unit certificate names its sub-unit in OU', { OU: 'nairobi' }, 'nairobi'],
    ['a hyphenated sub-unit code', { OU: 'be-abuja' }, 'be-abuja'],
  ])('%s', (_case, extra: NodeJS.Dict<string>, subUnit) => {
    expect(callerPartyFromPeerCertificate(certificateWithSubject({ serialNumber: LEIDEN_OIN, ...extra }))).toEqual({
      oin: LEIDEN_OIN,
      subUnit,
    });
  });

  it.each([
    ['more than one OU', { OU: ['nairobi', 'lagos'] }],
    ['an OU that is no sub-unit code', { OU: 'Embassy Nairobi' }],
    ['an empty OU', { OU: '' }],
  ])('refuses %s rather than read it as the party itself', (_case, extra: NodeJS.Dict<string | string[]>) => {
    const error = refusal(() => callerPartyFromPeerCertificate(certificateWithSubject({ serialNumber: LEIDEN_OIN, ...extra })));
    expect(error.failure).toBe('INVALID_SUB_UNIT');
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('checks the OIN first: a sub-unit of no valid party is refused', () => {
    expect(refusal(() => callerPartyFromPeerCertificate(certificateWithSubject({ serialNumber: '1', OU: 'nairobi' }))).failure).toBe(
      'INVALID_OIN',
    );
  });
});

describe('operator certificates', () => {
  const HUB_OIN = '00000001999999990000';
  const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
  const operatorCertificate = (subject: NodeJS.Dict<string | string[]>): CertificateWithSubject => ({
    subject: { C: 'NL', O: 'Welkom Hub', serialNumber: HUB_OIN, CN: 'Anna de Vries', ...subject },
    ext_key_usage: [CLIENT_AUTH, OPERATOR_EXTENDED_KEY_USAGE],
  });
  const partyCertificate: CertificateWithSubject = {
    subject: { C: 'NL', O: 'Welkom Hub', serialNumber: HUB_OIN, CN: 'hub' },
    ext_key_usage: ['1.3.6.1.5.5.7.3.1', CLIENT_AUTH],
  };
  const kindRefusal = (action: () => unknown): CallerKindError => {
    try {
      action();
    } catch (error: unknown) {
      if (error instanceof CallerKindError) return error;
      throw error;
    }
    throw new Error('expected a CallerKindError, but nothing was thrown');
  };

  it('reads the operator in person: the hub operator OIN and the UID of the person', () => {
    expect(callerFromPeerCertificate(operatorCertificate({ UID: 'operator-anna' }))).toEqual({
      kind: 'operator',
      operator: { oin: HUB_OIN, operatorId: 'operator-anna' },
    });
    expect(callerOperatorFromPeerCertificate(operatorCertificate({ UID: 'operator-anna' }))).toEqual({
      oin: HUB_OIN,
      operatorId: 'operator-anna',
    });
  });

  it('refuses the hub party certificate where an operator in person is required, with PERMISSION_DENIED', () => {
    const error = kindRefusal(() => callerOperatorFromPeerCertificate(partyCertificate));
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', reason: 'OPERATOR_CERTIFICATE_REQUIRED' });
  });

  it('refuses an operator certificate where a party is required, although it carries the hub OIN', () => {
    const operator = operatorCertificate({ UID: 'operator-anna' });
    expect(kindRefusal(() => callerPartyFromPeerCertificate(operator))).toMatchObject({
      code: 'PERMISSION_DENIED',
      reason: 'PARTY_CERTIFICATE_REQUIRED',
    });
    expect(callerPartyFromPeerCertificate(partyCertificate)).toEqual({ oin: HUB_OIN, subUnit: '' });
  });

  it('refuses an operator certificate without a person, with two, with a malformed one, or with a sub-unit', () => {
    for (const subject of [{}, { UID: ['anna', 'bram'] }, { UID: 'Anna de Vries' }, { UID: 'anna', OU: 'nairobi' }]) {
      expect(refusal(() => callerFromPeerCertificate(operatorCertificate(subject))).failure).toBe('INVALID_OPERATOR_ID');
    }
  });
});
