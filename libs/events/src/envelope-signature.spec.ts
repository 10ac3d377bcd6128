import {
  certificateThumbprint,
  encodeDetachedJws,
  encodeJwsHeader,
  envelopeSigningPayload,
  EnvelopeSignatureFormatError,
  jwsSigningInput,
  parseDetachedJws,
  type SignedEnvelopeFields,
} from './envelope-signature';

const envelope: SignedEnvelopeFields = {
  eventId: '3f0c2a4e-8f1b-4c2d-9a7e-5b6c7d8e9f01',
  eventType: 'welkom.platform.connector-started',
  schemaVersion: 1,
  sourcePartyOin: '00000001999999990000',
  occurredAt: '2026-11-22T10:00:00.000Z',
  correlationId: 'b5e3f1a2-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
};

describe('envelope signature format', () => {
  // The digest was computed independently: printf payload | openssl dgst -sha256 -binary | base64 (url-safe, unpadded).
  it('signs canonical JSON: sorted keys, no whitespace, the payload by its SHA-256', () => {
    const payload = envelopeSigningPayload(envelope, 'case-1', Buffer.from('payload'));

    expect(payload).toBe(
      '{"correlationId":"b5e3f1a2-1c2d-4e5f-8a9b-0c1d2e3f4a5b","eventId":"3f0c2a4e-8f1b-4c2d-9a7e-5b6c7d8e9f01",' +
        '"eventType":"welkom.platform.connector-started","key":"case-1","occurredAt":"2026-11-22T10:00:00.000Z",' +
        '"payloadSha256":"I59Z7VXnN8dxR89VrQwbAwttfudIp0JpUvm4UtWpNeU","schemaVersion":1,"sourcePartyOin":"00000001999999990000"}',
    );
  });

  it('covers every signed field: changing any of them changes what is signed', () => {
    const base = envelopeSigningPayload(envelope, 'case-1', Buffer.from('payload'));
    const variants = [
      envelopeSigningPayload({ ...envelope, eventId: '3f0c2a4e-8f1b-4c2d-9a7e-5b6c7d8e9f02' }, 'case-1', Buffer.from('payload')),
      envelopeSigningPayload({ ...envelope, eventType: 'welkom.platform.other' }, 'case-1', Buffer.from('payload')),
      envelopeSigningPayload({ ...envelope, schemaVersion: 2 }, 'case-1', Buffer.from('payload')),
      envelopeSigningPayload({ ...envelope, sourcePartyOin: '00000001812345670000' }, 'case-1', Buffer.from('payload')),
      envelopeSigningPayload({ ...envelope, occurredAt: '2026-11-22T10:00:00.001Z' }, 'case-1', Buffer.from('payload')),
      envelopeSigningPayload({ ...envelope, correlationId: 'other' }, 'case-1', Buffer.from('payload')),
      envelopeSigningPayload(envelope, 'case-2', Buffer.from('payload')),
      envelopeSigningPayload(envelope, 'case-1', Buffer.from('payloaD')),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('builds the JWS signing input from the protected header and the base64url payload', () => {
    expect(jwsSigningInput('eyJ9', '{}').toString('ascii')).toBe('eyJ9.e30');
  });

  it('reads back a detached compact JWS', () => {
    const header = encodeJwsHeader({ alg: 'ES256', x5c: ['MIIB'] });
    const parsed = parseDetachedJws(encodeDetachedJws(header, Buffer.from([1, 2, 3])));
    expect(parsed).toEqual({ encodedHeader: header, header: { alg: 'ES256', x5c: ['MIIB'] }, signature: Buffer.from([1, 2, 3]) });
  });

  it('reads back a header that names its signer by thumbprint', () => {
    const thumbprint = certificateThumbprint(Buffer.from('a certificate'));
    const header = encodeJwsHeader({ alg: 'ES256', 'x5t#S256': thumbprint });
    expect(parseDetachedJws(encodeDetachedJws(header, Buffer.from([1]))).header).toEqual({ alg: 'ES256', 'x5t#S256': thumbprint });
    expect(thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  const thumbprint = certificateThumbprint(Buffer.from('x'));
  it.each([
    [
      'both x5c and a thumbprint',
      `${Buffer.from(JSON.stringify({ alg: 'ES256', x5c: ['MIIB'], 'x5t#S256': thumbprint })).toString('base64url')}..AQID`,
      /twice/,
    ],
    [
      'a thumbprint that is not a SHA-256',
      `${Buffer.from('{"alg":"ES256","x5t#S256":"abc"}').toString('base64url')}..AQID`,
      /not a base64url SHA-256/,
    ],
    ['an attached payload', `${encodeJwsHeader({ alg: 'ES256', x5c: ['MIIB'] })}.e30.AQID`, /detached/],
    ['two parts', 'abc.def', /compact JWS/],
    ['another algorithm', `${Buffer.from('{"alg":"none","x5c":["MIIB"]}').toString('base64url')}..AQID`, /not ES256/],
    ['no certificate', `${Buffer.from('{"alg":"ES256"}').toString('base64url')}..AQID`, /x5c/],
    ['a critical extension', `${Buffer.from('{"alg":"ES256","x5c":["MIIB"],"crit":["b64"]}').toString('base64url')}..AQID`, /critical/],
    ['a header that is not JSON', `${Buffer.from('not json').toString('base64url')}..AQID`, /not JSON/],
    ['characters outside base64url', 'ab+c..AQID', /base64url/],
  ])('refuses %s', (_case, compact, message) => {
    expect(() => parseDetachedJws(compact)).toThrow(EnvelopeSignatureFormatError);
    expect(() => parseDetachedJws(compact)).toThrow(message);
  });
});
