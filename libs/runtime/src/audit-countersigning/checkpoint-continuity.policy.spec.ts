import { type CheckpointJudgement, type CountersigningHistory, judgeCheckpoint, type SeenCheckpoint } from './checkpoint-continuity.policy';

function problemOf(judgement: CheckpointJudgement): string {
  return 'problem' in judgement ? judgement.problem : '';
}

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const HASH_C = 'c'.repeat(64);

const TAKEN = new Date('2026-12-06T10:00:00Z');

function checkpoint(sequence: string, entryHash: string): SeenCheckpoint {
  return { chainId: 'chain-1', sequence, entryHash, takenAt: TAKEN };
}

const nothingSigned: CountersigningHistory = { latest: undefined, sameSequence: undefined, alarmed: false };

describe('judging whether a checkpoint continues what the party countersigned', () => {
  it('countersigns the first checkpoint it sees of a chain', () => {
    expect(judgeCheckpoint(nothingSigned, checkpoint('12', HASH_A))).toEqual({ verdict: 'COUNTERSIGN' });
  });

  it('countersigns a checkpoint further along the chain', () => {
    const history = { ...nothingSigned, latest: { sequence: '12', entryHash: HASH_A } };
    expect(judgeCheckpoint(history, checkpoint('20', HASH_B))).toEqual({ verdict: 'COUNTERSIGN' });
  });

  it('does not sign the same checkpoint twice, also when it reads an older one again', () => {
    const signed = { sequence: '12', entryHash: HASH_A, takenAt: TAKEN };
    expect(judgeCheckpoint({ latest: signed, sameSequence: signed, alarmed: false }, checkpoint('12', HASH_A))).toEqual({
      verdict: 'ALREADY_COUNTERSIGNED',
    });
    const later = { sequence: '20', entryHash: HASH_B };
    expect(judgeCheckpoint({ latest: later, sameSequence: signed, alarmed: false }, checkpoint('12', HASH_A))).toEqual({
      verdict: 'ALREADY_COUNTERSIGNED',
    });
  });

  it('calls an older head it countersigned, signed again after a later one, a rewind', () => {
    const history = {
      latest: { sequence: '20', entryHash: HASH_B },
      sameSequence: { sequence: '12', entryHash: HASH_A, takenAt: TAKEN },
      alarmed: false,
    };
    const resigned = { ...checkpoint('12', HASH_A), takenAt: new Date('2026-12-06T11:00:00Z') };
    const judgement = judgeCheckpoint(history, resigned);
    expect(judgement.verdict).toBe('REWIND');
    expect(problemOf(judgement)).toContain('goes back behind checkpoint 20');
  });

  it('calls a sequence below the highest countersigned one a rewind', () => {
    const history = { ...nothingSigned, latest: { sequence: '20', entryHash: HASH_B } };
    const judgement = judgeCheckpoint(history, checkpoint('12', HASH_C));
    expect(judgement.verdict).toBe('REWIND');
    expect(problemOf(judgement)).toContain('goes back behind checkpoint 20');
  });

  it('calls a countersigned sequence with another hash a fork, even at the latest sequence', () => {
    const signed = { sequence: '20', entryHash: HASH_B, takenAt: TAKEN };
    const judgement = judgeCheckpoint({ latest: signed, sameSequence: signed, alarmed: false }, checkpoint('20', HASH_C));
    expect(judgement.verdict).toBe('FORK');
    expect(problemOf(judgement)).toContain(`countersigned it with hash ${HASH_B}`);
  });

  it('signs nothing more of a chain it raised an alarm about, however far the chain grows', () => {
    const history = { latest: { sequence: '20', entryHash: HASH_B }, sameSequence: undefined, alarmed: true };
    expect(judgeCheckpoint(history, checkpoint('30', HASH_C))).toEqual({ verdict: 'REFUSED_AFTER_ALARM' });
  });
});
