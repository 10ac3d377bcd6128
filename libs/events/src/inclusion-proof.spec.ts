import { createHash } from 'node:crypto';
import {
  AuditPathMemo,
  batchSigningPayload,
  encodeInclusionProof,
  InclusionProofError,
  leafHash,
  merkleTree,
  parseInclusionProof,
  rootFromInclusionProof,
  type InclusionProof,
} from './inclusion-proof';

// The Certificate Transparency test vectors (RFC 6962 reference code, merkle_tree_test): leaf inputs and the
// root of the tree over the first n of them.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const ctLeaf = (hex: string): Buffer =>
  createHash('sha256')
    .update(Buffer.from([0]))
    .update(Buffer.from(hex, 'hex'))
    .digest();

const leaves = (count: number): Buffer[] => Array.from({ length: count }, (_, index) => leafHash(`record ${index}`));

describe('Merkle batch signatures (RFC 9162 trees and inclusion proofs)', () => {
  it.each(CT_ROOTS.map((root, index) => [index + 1, root]))('a tree of %i CT leaves has the published root', (count, root) => {
    expect(merkleTree(CT_LEAVES.slice(0, Number(count)).map(ctLeaf)).root.toString('hex')).toBe(root);
  });

  it('hashes a leaf with the 0x00 prefix', () => {
    expect(leafHash('abc')).toEqual(
      createHash('sha256')
        .update(Buffer.from([0]))
        .update('abc')
        .digest(),
    );
  });

  it.each([1, 2, 3, 5, 7, 8, 9, 100, 512])('every leaf of a tree of %i leads to the root through its own proof', (count) => {
    const tree = merkleTree(leaves(count));
    tree.proofs.forEach((proof, index) => {
      expect(proof).toMatchObject({ index, size: count });
      expect(rootFromInclusionProof(leaves(count)[index], parseInclusionProof(encodeInclusionProof(proof)))).toEqual(tree.root);
    });
  });

  it('a changed leaf, sibling, index or size leads elsewhere or is refused', () => {
    const all = leaves(11);
    const { root, proofs } = merkleTree(all);
    const proof = proofs[6];
    expect(rootFromInclusionProof(leafHash('another record'), proof)).not.toEqual(root);
    const flipped = Buffer.from(proof.path[0]);
    flipped[0] ^= 1;
    expect(rootFromInclusionProof(all[6], { ...proof, path: [flipped, ...proof.path.slice(1)] })).not.toEqual(root);
    expect(rootFromInclusionProof(all[6], { ...proof, index: 7 })).not.toEqual(root);
    expect(() => rootFromInclusionProof(all[6], { ...proof, size: 64 })).toThrow(InclusionProofError);
    expect(() => rootFromInclusionProof(all[6], { ...proof, index: 11 })).toThrow(InclusionProofError);
    expect(() => rootFromInclusionProof(all[6], { ...proof, path: [...proof.path, proof.path[0]] })).toThrow(InclusionProofError);
  });

  it('an inner node cannot pass for a leaf (domain separation)', () => {
    const all = leaves(4);
    const { root, proofs } = merkleTree(all);
    const innerLeft = merkleTree(all.slice(0, 2)).root;
    // The inner node over leaves 0 and 1, offered as leaf 0 of a tree of 2 whose sibling is the right half.
    expect(rootFromInclusionProof(innerLeft, { index: 0, size: 2, path: [proofs[0].path[1]] })).toEqual(root);
    expect(leafHash('x')).not.toEqual(innerLeft);
    // The signed statement names the size, so that tree of 2 is not the signed tree of 4.
    expect(batchSigningPayload(root, 2)).not.toBe(batchSigningPayload(root, 4));
  });

  it.each([
    ['no size', '1.AAAA'],
    ['a leading zero', '01.2.' + Buffer.alloc(32).toString('base64url')],
    ['a partial hash', '0.2.' + Buffer.alloc(31).toString('base64url')],
    ['not base64url', '0.2.' + '+'.repeat(43)],
  ])('refuses a proof with %s', (_, text) => {
    expect(() => parseInclusionProof(text)).toThrow(InclusionProofError);
  });

  it('the signed statement is canonical JSON that no envelope payload can equal', () => {
    expect(batchSigningPayload(Buffer.alloc(32, 1), 3)).toBe(`{"merkleRoot":"${Buffer.alloc(32, 1).toString('base64url')}","size":3}`);
  });
});

describe('AuditPathMemo (walking the audit paths of one batch once)', () => {
  // Every proof a verifier can be handed about a tree: the true ones, and each kind of wrong one.
  function variants(all: Buffer[], proof: InclusionProof): [string, Buffer, InclusionProof][] {
    const flip = (hash: Buffer): Buffer => {
      const copy = Buffer.from(hash);
      copy[31] ^= 1;
      return copy;
    };
    const wrong: [string, Buffer, InclusionProof][] = [['true', all[proof.index], proof]];
    proof.path.forEach((sibling, step) =>
      wrong.push([`sibling ${step} changed`, all[proof.index], { ...proof, path: proof.path.map((s, i) => (i === step ? flip(s) : s)) }]),
    );
    wrong.push(['another leaf', leafHash('another record'), proof]);
    wrong.push(['next index', all[proof.index], { ...proof, index: (proof.index + 1) % proof.size }]);
    wrong.push(['size doubled', all[proof.index], { ...proof, size: proof.size * 2 }]);
    wrong.push(['one sibling more', all[proof.index], { ...proof, path: [...proof.path, proof.path[0] ?? all[0]] }]);
    wrong.push(['one sibling less', all[proof.index], { ...proof, path: proof.path.slice(0, -1) }]);
    return wrong;
  }
  const outcome = (walk: () => Buffer): string => {
    try {
      return walk().toString('hex');
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    }
  };

  it.each([1, 2, 3, 5, 8, 11, 128])(
    'gives, for every true and wrong proof of a tree of %i, exactly what the full walk gives, whatever it walked before',
    (count) => {
      const all = leaves(count);
      const { proofs } = merkleTree(all);
      // Proofs in an order that meets known paths from both sides; the wrong ones after the true one, and before it.
      const order = [...proofs.filter((_, index) => index % 2 === 1), ...proofs.filter((_, index) => index % 2 === 0)];
      for (const wrongFirst of [false, true]) {
        const memo = new AuditPathMemo();
        for (const proof of order) {
          const offers = variants(all, proof);
          for (const [name, leaf, offered] of wrongFirst ? offers.reverse() : offers) {
            expect([name, outcome(() => memo.rootFromInclusionProof('batch', leaf, offered))]).toEqual([
              name,
              outcome(() => rootFromInclusionProof(leaf, offered)),
            ]);
          }
        }
      }
    },
  );

  it('keeps batches apart: a path walked under one signature is not reused under another', () => {
    const all = leaves(8);
    const { root, proofs } = merkleTree(all);
    const memo = new AuditPathMemo();
    expect(memo.rootFromInclusionProof('batch A', all[0], proofs[0])).toEqual(root);
    const other = merkleTree(leaves(8).map((leaf, index) => (index === 1 ? leafHash('changed') : leaf)));
    expect(memo.rootFromInclusionProof('batch B', leafHash('changed'), other.proofs[1])).toEqual(other.root);
    expect(memo.rootFromInclusionProof('batch A', all[1], proofs[1])).toEqual(root);
  });

  it('hashes about twice per record of a batch of 128, not seven times', () => {
    const all = leaves(128);
    const { proofs } = merkleTree(all);
    const memo = new AuditPathMemo();
    const crypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const hashes = jest.spyOn(crypto, 'hash');
    try {
      for (const proof of proofs) memo.rootFromInclusionProof('batch', all[proof.index], proof);
      // Each record hashes at least once (its leaf with its first sibling) before it can meet a state an earlier walk
      // passed, and only the first record through each part of the tree walks on: 254 in all, against 128 × 7 = 896.
      expect(hashes).toHaveBeenCalledTimes(254);
    } finally {
      hashes.mockRestore();
    }
  });
});
