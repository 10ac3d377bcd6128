import { BinaryReader, BinaryWriter } from '@bufbuild/protobuf/wire';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { defineTopic, type ProtobufCodec, type TopicDefinition } from '@welkom/events';

/**
 * The benchmark's payload, about the size of a status event: `message BenchFact { string case_id = 1;
 * int32 sequence = 2; string status = 3; }`, encoded as ts-proto would.
 */
export interface BenchFact {
  caseId: string;
  sequence: number;
  status: string;
}

export const BenchFact: ProtobufCodec<BenchFact> = {
  encode(message: BenchFact, writer: BinaryWriter = new BinaryWriter()): BinaryWriter {
    if (message.caseId !== '') writer.uint32(10).string(message.caseId);
    if (message.sequence !== 0) writer.uint32(16).int32(message.sequence);
    if (message.status !== '') writer.uint32(26).string(message.status);
    return writer;
  },
  decode(input: BinaryReader | Uint8Array, length?: number): BenchFact {
    const reader = input instanceof BinaryReader ? input : new BinaryReader(input);
    const end = length === undefined ? reader.len : reader.pos + length;
    const message: BenchFact = { caseId: '', sequence: 0, status: '' };
    while (reader.pos < end) {
      const tag = reader.uint32();
      if (tag === 10) message.caseId = reader.string();
      else if (tag === 16) message.sequence = reader.int32();
      else if (tag === 26) message.status = reader.string();
      else if ((tag & 7) === 4 || tag === 0) break;
      else reader.skip(tag & 7);
    }
    return message;
  },
};

export const BENCH_PARTITIONS = 6;

export function benchTopic(runId: string): TopicDefinition<BenchFact> {
  return defineTopic({
    name: `welkom.bench.case-fact-${runId}.v1`,
    eventType: 'welkom.bench.case-fact',
    schemaVersion: 1,
    codec: BenchFact,
    key: (fact: BenchFact) => fact.caseId,
    partitions: BENCH_PARTITIONS,
    publisherRoles: [PartyRole.PARTY_ROLE_HUB_OPERATOR],
  });
}

/** `count` facts over 1,000 cases (pseudonymous keys), interleaved as real traffic is. */
export function benchFacts(runId: string, count: number): BenchFact[] {
  return Array.from({ length: count }, (_, index) => ({
    caseId: `case-${runId}-${index % 1_000}`,
    sequence: Math.floor(index / 1_000) + 1,
    status: 'EVIDENCE_PENDING',
  }));
}
