import type { AuditCountersignature } from '@welkom/contracts/generated/welkom/hub/v1/audit_checkpoint';
import type { ReceivedEvent } from '@welkom/messaging';
import { toTimestamp } from '@welkom/platform';
import { countersignatureOf, countersignedBreak, countersignedCheckpoints } from './audit-countersignature';

const HUB_OIN = '00000001999999990000';
const IND_OIN = '00000001812345670000';
const RVO_OIN = '00000001823456780000';
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const TAKEN = new Date('2026-12-06T10:00:00Z');
const SIGNED = new Date('2026-12-06T10:00:05Z');

function record(signer: string, overrides: Partial<AuditCountersignature> = {}): ReceivedEvent<AuditCountersignature> {
  const payload: AuditCountersignature = {
    hubOin: HUB_OIN,
    chainId: 'chain-1',
    sequence: '12',
    entryHash: HASH_A,
    checkpointTakenAt: toTimestamp(TAKEN),
    countersignedAt: toTimestamp(SIGNED),
    partyOin: signer,
    ...overrides,
  };
  return {
    payload,
    envelope: { sourcePartyOin: signer, eventId: '0b7f1c1e-2d1a-4c33-9c7e-2f1b0c9d8e7f' },
  } as ReceivedEvent<AuditCountersignature>;
}

describe('reading a party counter-signature', () => {
  it('takes a counter-signature signed by the party it names, for this hub', () => {
    expect(countersignatureOf(record(IND_OIN), HUB_OIN)).toEqual({
      partyOin: IND_OIN,
      chainId: 'chain-1',
      sequence: '12',
      entryHash: HASH_A,
      checkpointTakenAt: TAKEN,
      countersignedAt: SIGNED,
    });
  });

  it("refuses a counter-signature in another party's name, for another hub, or malformed", () => {
    const forged = record(RVO_OIN, { partyOin: IND_OIN });
    expect(countersignatureOf(forged, HUB_OIN)).toBe(`names party ${IND_OIN} but was signed by ${RVO_OIN}`);
    expect(countersignatureOf(record(IND_OIN, { hubOin: '00000001999999980000' }), HUB_OIN)).toMatch(/not of the hub/);
    expect(countersignatureOf(record(IND_OIN, { entryHash: 'not-a-hash' }), HUB_OIN)).toBe('is malformed');
    expect(countersignatureOf(record(IND_OIN, { countersignedAt: undefined }), HUB_OIN)).toBe('has no valid times');
  });
});

describe('comparing the chain with countersigned checkpoints', () => {
  const read = (signer: string, overrides: Partial<AuditCountersignature> = {}) => {
    const countersignature = countersignatureOf(record(signer, overrides), HUB_OIN);
    if (typeof countersignature === 'string') throw new Error(countersignature);
    return countersignature;
  };
  const checkpoints = countersignedCheckpoints([read(RVO_OIN), read(IND_OIN), read(IND_OIN, { sequence: '20', entryHash: HASH_B })]);

  it('groups counter-signatures by checkpoint, latest first, with their parties', () => {
    expect(checkpoints).toEqual([
      { sequence: '20', entryHash: HASH_B, checkpointTakenAt: TAKEN, partyOins: [IND_OIN] },
      { sequence: '12', entryHash: HASH_A, checkpointTakenAt: TAKEN, partyOins: [IND_OIN, RVO_OIN] },
    ]);
  });

  it('finds nothing when the chain holds the countersigned hashes', () => {
    const stored = new Map([
      ['12', HASH_A],
      ['20', HASH_B],
    ]);
    expect(countersignedBreak(checkpoints, { sequence: '25', hash: 'c'.repeat(64) }, stored)).toBeUndefined();
  });

  it('reports the first countersigned checkpoint the chain contradicts, naming its parties', () => {
    const rewritten = new Map([
      ['12', 'd'.repeat(64)],
      ['20', 'e'.repeat(64)],
    ]);
    expect(countersignedBreak(checkpoints, { sequence: '25', hash: 'c'.repeat(64) }, rewritten)).toEqual({
      sequence: '12',
      problem: `entry 12 does not have the hash of the checkpoint of ${TAKEN.toISOString()} countersigned by ${IND_OIN}, ${RVO_OIN}: the chain was rewritten up to there`,
    });
  });

  it('reports a head rewound behind a countersigned checkpoint', () => {
    const broken = countersignedBreak(checkpoints, { sequence: '15', hash: 'c'.repeat(64) }, new Map([['12', HASH_A]]));
    expect(broken?.sequence).toBe('16');
    expect(broken?.problem).toMatch(/countersigned by .* covers entry 20, but the chain head is at 15/);
  });
});
