import { storedProof } from '../testing/hub-fixtures';
import { toEvidenceReference } from './evidence.mapper';

describe('evidence references', () => {
  it('give the issuer the unsalted hash of what it issued, and the commitment', () => {
    const reference = toEvidenceReference(storedProof(), 'issuer');
    expect([reference.contentSha256, reference.contentCommitment]).toEqual([storedProof().contentSha256, storedProof().contentCommitment]);
  });

  it('give any other holder the commitment only, never the unsalted hash (issue 11, leak 3)', () => {
    const reference = toEvidenceReference(storedProof(), 'holder');
    expect(reference.contentSha256).toBe('');
    expect(reference.contentCommitment).toBe(storedProof().contentCommitment);
  });
});
