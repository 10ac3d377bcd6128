import { checkpointBreak, latestCheckpoint } from './audit-checkpoint';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const TAKEN = new Date('2026-12-01T10:00:00Z');

describe('checkpointBreak', () => {
  const checkpoint = { chainId: 'chain', sequence: '10', entryHash: HASH_A, takenAt: TAKEN };

  it.each([
    ['a head that moved on, entry 10 unchanged', { chainId: 'chain', sequence: '15', hash: HASH_B }, HASH_A, undefined],
    ['a head exactly at the checkpoint', { chainId: 'chain', sequence: '10', hash: HASH_A }, HASH_A, undefined],
    [
      'a head rewound before the checkpoint',
      { chainId: 'chain', sequence: '9', hash: HASH_B },
      undefined,
      /covers entry 10, but the chain head is at 9/,
    ],
    [
      'entry 10 with another hash (a recomputed chain)',
      { chainId: 'chain', sequence: '12', hash: HASH_B },
      HASH_B,
      /entry 10 does not have the hash/,
    ],
    [
      'entry 10 gone while the head is beyond it',
      { chainId: 'chain', sequence: '12', hash: HASH_B },
      undefined,
      /entry 10, covered by .* is missing/,
    ],
  ])('%s', (_case, head, storedHash, problem) => {
    const broken = checkpointBreak(checkpoint, head, storedHash);
    if (problem === undefined) expect(broken).toBeUndefined();
    else expect(broken?.problem).toMatch(problem);
  });

  it('names the first entry that is gone when the head was rewound', () => {
    expect(checkpointBreak(checkpoint, { sequence: '7', hash: HASH_B }, undefined)?.sequence).toBe('8');
  });
});

describe('latestCheckpoint', () => {
  it('takes the one covering most entries, and of equals the latest taken', () => {
    const early = { chainId: 'chain', sequence: '10', entryHash: HASH_A, takenAt: TAKEN };
    const later = { chainId: 'chain', sequence: '10', entryHash: HASH_A, takenAt: new Date('2026-12-01T11:00:00Z') };
    const longest = { chainId: 'chain', sequence: '12', entryHash: HASH_B, takenAt: new Date('2026-12-01T09:00:00Z') };
    expect(latestCheckpoint([early, longest, later])).toBe(longest);
    expect(latestCheckpoint([early, later])).toBe(later);
    expect(latestCheckpoint([])).toBeUndefined();
  });
});
