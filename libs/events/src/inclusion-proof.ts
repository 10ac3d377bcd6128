import { hash } from 'node:crypto';

/**
 * Batch signatures: one ES256 signature over the Merkle root of many records' signing payloads, and beside
 * every record its inclusion proof (the audit path of RFC 9162 §2.1.3), so each record stays verifiable on
 * its own, by anyone holding the party CA, long after the rest of its batch is gone (a dead letter, an export).
 *
 * What a verified record proves: the signer signed a statement "these `size` leaves, with this root", and
 * this record's canonical signing payload (event id, type, version, source party, occurred-at, correlation
 * id, record key, payload SHA-256) is leaf `index` of it. That is what a per-record signature proves, plus
 * the position and count of the batch it was signed in. It says nothing about the other leaves beyond their
 * hashes, and reveals nothing of them: a leaf hash covers a random event id, so it cannot be guessed back.
 *
 * Hashing follows RFC 9162 (Certificate Transparency v2): leaves and inner nodes are domain-separated (0x00,
 * 0x01), so an inner node cannot be passed off as a record, and a tree of any size is well defined.
 */
export const ENVELOPE_SIGNATURE_PROOF_HEADER = 'welkom-signature-proof';

/** The protected-header parameter (listed in `crit`) that marks a batch signature, and its only value. */
export const BATCH_SIGNATURE_PARAMETER = 'welkom-merkle';
export const BATCH_SIGNATURE_HASH = 'sha256';

/**
 * Leaves per tree. Every record carries log2 of it in sibling hashes (7 × 32 bytes, 299 characters, at 128), and
 * every tree costs one signature: a 500-event transaction gets 4 signatures, and proofs 85 characters shorter
 * than one tree of 512 would give it. Bytes on every record cost the relay, the broker and every consumer.
 */
export const MAX_LEAVES_PER_TREE = 128;

export class InclusionProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InclusionProofError';
  }
}

export interface InclusionProof {
  index: number;
  size: number;
  /** Sibling hashes from the leaf up, 32 bytes each. */
  path: Buffer[];
}

// One-shot hashing (crypto.hash): a Hash object per node cost more than the hashing itself.
export function leafHash(signingPayload: string): Buffer {
  // U+0000 is the single byte 0x00 in UTF-8: the leaf prefix.
  return hash('sha256', `\u0000${signingPayload}`, 'buffer');
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 1;
  left.copy(input, 1);
  right.copy(input, 1 + left.length);
  return hash('sha256', input, 'buffer');
}

/** The root and every leaf's audit path (RFC 9162 §2.1.1 and §2.1.3.1), in O(n log n) hashes. */
export function merkleTree(leaves: readonly Buffer[]): { root: Buffer; proofs: InclusionProof[] } {
  if (leaves.length === 0) throw new InclusionProofError('a batch signature needs at least one leaf');
  const paths: Buffer[][] = leaves.map(() => []);
  const root = subtree(leaves, 0, leaves.length, paths);
  return { root, proofs: paths.map((path, index) => ({ index, size: leaves.length, path })) };
}

/** MTH(D[start:end]); every leaf below gets the sibling subtree's hash appended to its path. */
function subtree(leaves: readonly Buffer[], start: number, end: number, paths: Buffer[][]): Buffer {
  if (end - start === 1) return leaves[start];
  // k: the largest power of two smaller than the number of leaves.
  let k = 1;
  while (k * 2 < end - start) k *= 2;
  const left = subtree(leaves, start, start + k, paths);
  const right = subtree(leaves, start + k, end, paths);
  for (let index = start; index < start + k; index += 1) paths[index].push(right);
  for (let index = start + k; index < end; index += 1) paths[index].push(left);
  return nodeHash(left, right);
}

/** The root a leaf and its audit path lead to (RFC 9162 §2.1.3.2); throws if the path cannot belong to such a tree. */
export function rootFromInclusionProof(leaf: Buffer, proof: InclusionProof): Buffer {
  return walkAuditPath(leaf, proof);
}

/**
 * The walk of RFC 9162 §2.1.3.2. Before each sibling is hashed in, `known` may name the root that the rest of the
 * walk reaches from this state (step, fn, sn, node): then the walk stops there. `walked` hears every state passed.
 */
function walkAuditPath(
  leaf: Buffer,
  proof: InclusionProof,
  known?: (step: number, fn: number, sn: number, node: Buffer) => Buffer | undefined,
  walked?: (step: number, fn: number, sn: number, node: Buffer) => void,
): Buffer {
  const { index, size, path } = proof;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new InclusionProofError(`leaf ${index} is not in a tree of ${size}`);
  }
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (let step = 0; step < path.length; step += 1) {
    const sibling = path[step];
    if (sn === 0) throw new InclusionProofError('the inclusion proof is longer than the tree is deep');
    const root = known?.(step, fn, sn, r);
    if (root !== undefined) return root;
    walked?.(step, fn, sn, r);
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(sibling, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new InclusionProofError('the inclusion proof is shorter than the tree is deep');
  return r;
}

interface WalkedState {
  /** The node at this position of the tree, as the walk that recorded it computed it. */
  node: Buffer;
  /** The siblings from this state up: the rest of the walk's input besides the state itself. */
  above: readonly Buffer[];
  root: Buffer;
}

/**
 * Remembers the audit paths already walked, per batch signature (`scope`), so the records of one batch do not hash
 * the part of the tree they share again and again: 7 hashes per record at 128 leaves, about two once a batch's
 * paths are known. A record's walk stops at a state (step, fn, sn, node) an earlier walk passed **with the same
 * siblings above it**: the rest of the walk is then the same function of the same inputs, so the root is exactly
 * the one the full walk gives, and a proof that the full walk refuses (too long, too short, a wrong sibling) is
 * refused here too. It only saves hashing; the root must still be checked against the signature.
 */
export class AuditPathMemo {
  // Per scope, by tree size and position (step, fn, sn): one position of one tree holds one node, so the first walk
  // through it is kept (a wrong proof kept first only means true ones walk on in full).
  private readonly scopes = new Map<string, Map<string, WalkedState>>();

  // A batch's records reach a consumer within moments of each other, so a short memory does; each scope holds up
  // to seven positions per leaf (about 130 KB for 128 leaves; 17 MB for 128 such batches), so a long one costs more.
  constructor(private readonly maxScopes = 128) {}

  rootFromInclusionProof(scope: string, leaf: Buffer, proof: InclusionProof): Buffer {
    const states = this.scopes.get(scope);
    const position = (step: number, fn: number, sn: number): string => `${proof.size}.${step}.${fn}.${sn}`;
    const passed: { step: number; fn: number; sn: number; node: Buffer }[] = [];
    const root = walkAuditPath(
      leaf,
      proof,
      (step, fn, sn, node) => {
        const state = states?.get(position(step, fn, sn));
        return state && state.node.equals(node) && sameSiblings(state.above, proof.path, step) ? state.root : undefined;
      },
      (step, fn, sn, node) => passed.push({ step, fn, sn, node }),
    );
    if (passed.length > 0) this.remember(scope, states, passed, proof, root, position);
    return root;
  }

  private remember(
    scope: string,
    known: Map<string, WalkedState> | undefined,
    passed: readonly { step: number; fn: number; sn: number; node: Buffer }[],
    proof: InclusionProof,
    root: Buffer,
    position: (step: number, fn: number, sn: number) => string,
  ): void {
    let states = known;
    if (!states) {
      if (this.scopes.size >= this.maxScopes) this.scopes.clear();
      states = new Map();
      this.scopes.set(scope, states);
    }
    for (const { step, fn, sn, node } of passed) {
      const key = position(step, fn, sn);
      if (!states.has(key)) states.set(key, { node, above: proof.path.slice(step), root });
    }
  }
}

function sameSiblings(above: readonly Buffer[], path: readonly Buffer[], from: number): boolean {
  if (above.length !== path.length - from) return false;
  for (let offset = 0; offset < above.length; offset += 1) if (!above[offset].equals(path[from + offset])) return false;
  return true;
}

/** What the batch signature covers: canonical JSON, which no envelope's signing payload can equal (other keys). */
export function batchSigningPayload(root: Buffer, size: number): string {
  return `{"merkleRoot":${JSON.stringify(root.toString('base64url'))},"size":${size}}`;
}

/** `<index>.<size>.<base64url of the concatenated sibling hashes>`; base64url has no dots. */
export function encodeInclusionProof(proof: InclusionProof): string {
  return `${proof.index}.${proof.size}.${Buffer.concat(proof.path).toString('base64url')}`;
}

const PROOF_TEXT = /^(0|[1-9][0-9]{0,8})\.([1-9][0-9]{0,8})\.([A-Za-z0-9_-]*)$/;

export function parseInclusionProof(text: string): InclusionProof {
  const match = PROOF_TEXT.exec(text);
  if (!match) throw new InclusionProofError('the inclusion proof is not <index>.<size>.<hashes>');
  const hashes = Buffer.from(match[3], 'base64url');
  if (hashes.length % 32 !== 0 || hashes.toString('base64url') !== match[3]) {
    throw new InclusionProofError('the inclusion proof hashes are not whole SHA-256 values');
  }
  const path: Buffer[] = [];
  for (let offset = 0; offset < hashes.length; offset += 32) path.push(hashes.subarray(offset, offset + 32));
  return { index: Number(match[1]), size: Number(match[2]), path };
}
