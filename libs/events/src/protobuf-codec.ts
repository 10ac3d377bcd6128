import type { BinaryReader, BinaryWriter } from '@bufbuild/protobuf/wire';

/** The encode/decode pair ts-proto generates for every message (outputEncodeMethods=true). */
export interface ProtobufCodec<T> {
  encode(message: T, writer?: BinaryWriter): BinaryWriter;
  decode(input: BinaryReader | Uint8Array, length?: number): T;
}
