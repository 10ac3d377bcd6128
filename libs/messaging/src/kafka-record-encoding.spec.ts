/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs's record codecs are internal modules without types. */
/**
 * patches/kafkajs+2.2.4.patch sizes kafkajs's record encoder exactly (not 512 zeroed bytes), writes the headers
 * straight into it (not an encoder per header, copied in) and checksums batches eight bytes per step. The bytes on
 * the wire must be what unpatched kafkajs writes: the same as kafkajs's own per-header composition, read back field
 * for field by kafkajs's decoder, and the CRC-32C of the protocol.
 */
type Encoder = {
  buffer: Buffer;
  buf: Buffer;
  writeVarInt(value: number): Encoder;
  writeInt8(value: number): Encoder;
  writeVarLong(value: number): Encoder;
  writeVarIntBytes(value: Buffer | string): Encoder;
  writeVarIntArray(value: Encoder[]): Encoder;
};
const EncoderClass = require('kafkajs/src/protocol/encoder') as {
  new (initialSize?: number): Encoder;
  sizeOfVarIntBytes(value: string | Buffer): number;
  sizeOfVarInt(value: number): number;
};
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => { readVarInt(): number };
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: {
  offsetDelta?: number;
  timestampDelta?: number;
  key: Buffer | string;
  value: Buffer;
  headers: Record<string, string>;
}) => Encoder;
const encodeHeader = require('kafkajs/src/protocol/recordBatch/header/v0') as (header: { key: string; value: string }) => Encoder;
const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C') as (buffer: Buffer) => number;
const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder') as (
  decoder: unknown,
  context: { firstOffset: string; firstTimestamp: string; magicByte: number },
) => { key: Buffer; value: Buffer; offset: string; headers: Record<string, Buffer> };

const headers: Record<string, string> = {
  'welkom-event-id': '0b6f3c1e-2f7d-4a8e-9c55-3d1f2a7b9e10',
  'welkom-event-type': 'welkom.ind.application-status',
  'welkom-schema-version': '1',
  'welkom-source-party': '00000001999999990000',
  'welkom-occurred-at': '2026-12-06T14:00:00.000Z',
  'welkom-correlation-id': '7d1c9f0e-5b2a-4c3d-8e6f-1a2b3c4d5e6f',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  'welkom-signature': `eyJhbGciOiJFUzI1NiJ9..${'A'.repeat(86)}`,
  'welkom-signature-proof': 'B'.repeat(300),
};

describe('kafkajs record encoding (patched buffer sizes)', () => {
  it('writes a record with many headers that kafkajs reads back unchanged', () => {
    const value = Buffer.from('a protobuf payload of a status event');
    const encoded = encodeRecord({ offsetDelta: 3, timestampDelta: 12, key: 'case-123', value, headers }).buffer;
    const decoder = new Decoder(encoded);
    const length = decoder.readVarInt();
    const record = decodeRecord(decoder, { firstOffset: '100', firstTimestamp: '1765000000000', magicByte: 2 });
    expect(record.offset).toBe('103');
    expect(record.key.toString()).toBe('case-123');
    expect(record.value.equals(value)).toBe(true);
    expect(Object.fromEntries(Object.entries(record.headers).map(([name, bytes]) => [name, bytes.toString()]))).toEqual(headers);
    // The length prefix counts exactly the bytes after it: nothing of a larger buffer leaks onto the wire.
    expect(encoded.length).toBe(EncoderClass.sizeOfVarInt(length) + length);
  });

  it("writes the very bytes of kafkajs's own composition: an encoder per header, copied in", () => {
    const key = Buffer.from('case-123');
    const value = Buffer.from([8, 1, 18, 3, 65, 66, 67]);
    const patched = encodeRecord({ offsetDelta: 7, timestampDelta: 250, key, value, headers }).buffer;
    const body = new EncoderClass()
      .writeInt8(0)
      .writeVarLong(250)
      .writeVarInt(7)
      .writeVarIntBytes(key)
      .writeVarIntBytes(value)
      .writeVarIntArray(Object.entries(headers).map(([name, text]) => encodeHeader({ key: name, value: text }))).buffer;
    const original = Buffer.concat([new EncoderClass().writeVarInt(body.length).buffer, body]);
    expect(patched.equals(original)).toBe(true);
  });

  it('allocates a record for its own size, not 512 bytes', () => {
    const record = encodeRecord({ key: 'k', value: Buffer.from('v'), headers: { a: 'b' } });
    expect(record.buf.length).toBeLessThan(64);
  });

  it('checksums record batches as CRC-32C does, bit by bit, at every length around the 8-byte steps', () => {
    // The reference: the reflected Castagnoli polynomial, one bit at a time (no tables, nothing shared with kafkajs).
    const reference = (bytes: Buffer): number => {
      let crc = 0xffffffff;
      for (const byte of bytes) {
        crc ^= byte;
        for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
      }
      return (crc ^ 0xffffffff) >>> 0;
    };
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283);
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, index) => (index * 151 + 7) % 256));
    for (let length = 0; length <= bytes.length; length += 1) {
      expect(crc32C(bytes.subarray(0, length))).toBe(reference(bytes.subarray(0, length)));
    }
  });
});
