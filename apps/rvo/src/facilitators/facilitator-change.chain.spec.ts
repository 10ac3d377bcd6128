import type { FacilitatorChange } from './facilitator';
import { GENESIS_HASH } from './facilitator';
import { chainIntact, changeHash } from './facilitator-change.chain';

const standing = {
  kvkNumber: '12345678',
  name: 'YES!Delft',
  registeredInKvk: true,
  hasStartUpGuidanceExperience: true,
  bankrupt: false,
  negativeEquity: false,
};

function chain(): FacilitatorChange[] {
  const first = {
    kvkNumber: '12345678',
    changedByOin: '00000001823456780000',
    operator: 'op-1',
    changedAt: new Date('2026-03-01T10:00:00Z'),
    before: null,
    after: standing,
    reason: 'registered',
  };
  const firstHash = changeHash(GENESIS_HASH, first);
  const second = {
    ...first,
    changedAt: new Date('2026-04-01T10:00:00Z'),
    before: standing,
    after: { ...standing, bankrupt: true },
    reason: 'bankruptcy declared',
  };
  return [
    { ...first, sequence: '1', previousHash: GENESIS_HASH, hash: firstHash },
    { ...second, sequence: '2', previousHash: firstHash, hash: changeHash(firstHash, second) },
  ];
}

describe('facilitator change log', () => {
  it('is intact as written', () => {
    expect(chainIntact(chain())).toBe(true);
  });

  it('shows an edited change, a removed change and a reordering', () => {
    const [first, second] = chain();
    expect(chainIntact([first, { ...second, after: { ...second.after, bankrupt: false } }])).toBe(false);
    expect(chainIntact([second])).toBe(false);
    expect(chainIntact([second, first])).toBe(false);
  });
});
