import { MAX_APPLICATION_ID_LENGTH } from './application-fact.validator';

// Module-level aliases for the hot paths: a global lookup (`Math.floor`) costs ~50× more inside jest's vm
// sandbox than in plain node, enough to turn a one-second test into a time-out.
const { ceil, imul, max } = Math;

/**
 * A map from application id to a dense record number (0, 1, 2, …), kept in typed arrays.
 *
 * Why not `Map<string, number>`: at 10 million applications a Map costs ~60 bytes per entry in V8 objects
 * (string + entry), every one of which the garbage collector walks on each major GC, and a V8 Map cannot
 * hold more than 2^24 (16.7 M) entries at all. Here an id costs its bytes plus ~10 bytes of table, lives
 * outside the JS heap, and the GC never looks at it. Open addressing with linear probing; ids are never
 * removed (an application's record is replaced, not deleted), which keeps the table simple.
 */
export class ApplicationIdIndex {
  /** Pairs per slot: [record number or -1, hash]. The hash beside the number lets a probe skip a different id
   * without reading its bytes, so an insert costs about one cache miss instead of one per probe. */
  private slots: Int32Array;
  private mask: number;
  private arena: Uint8Array;
  private arenaUsed = 0;
  /** End offset of id n in the arena; id n starts where id n-1 ends. */
  private idEnds: Uint32Array;
  private count = 0;
  private readonly scratch = new Uint8Array(MAX_APPLICATION_ID_LENGTH * 3);
  private readonly scratchBuffer = Buffer.from(this.scratch.buffer, this.scratch.byteOffset, this.scratch.length);

  constructor(expectedIds = 1024) {
    const capacity = max(16, expectedIds);
    this.slots = emptySlots(slotCountFor(capacity));
    this.mask = this.slots.length / 2 - 1;
    this.idEnds = new Uint32Array(capacity);
    this.arena = new Uint8Array(capacity * 16);
  }

  get size(): number {
    return this.count;
  }

  /**
   * The record number of `applicationId`. Existing ids give their number (≥ 0); a new id is added and
   * comes back as `-(number + 1)`, so a caller learns "new or known" without a second lookup.
   */
  findOrAdd(applicationId: string): number {
    const length = this.encode(applicationId);
    const hash = hashBytes(this.scratch, length, 0);
    let slot = hash & this.mask;
    for (;;) {
      const candidate = this.slots[2 * slot];
      if (candidate < 0) break;
      if (this.slots[2 * slot + 1] === hash && this.idEquals(candidate, length)) return candidate;
      slot = (slot + 1) & this.mask;
    }
    const index = this.append(length);
    this.slots[2 * slot] = index;
    this.slots[2 * slot + 1] = hash;
    if (this.count * 10 > (this.mask + 1) * 7) this.rehash();
    return -(index + 1);
  }

  /** The record number of `applicationId`, or -1. */
  find(applicationId: string): number {
    if (applicationId.length > MAX_APPLICATION_ID_LENGTH) return -1;
    const length = this.encode(applicationId);
    const hash = hashBytes(this.scratch, length, 0);
    let slot = hash & this.mask;
    for (;;) {
      const candidate = this.slots[2 * slot];
      if (candidate < 0) return -1;
      if (this.slots[2 * slot + 1] === hash && this.idEquals(candidate, length)) return candidate;
      slot = (slot + 1) & this.mask;
    }
  }

  idAt(index: number): string {
    const start = index === 0 ? 0 : this.idEnds[index - 1];
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + start, this.idEnds[index] - start).toString('utf8');
  }

  /** Bytes held in typed arrays, for the memory figures the bench reports. */
  retainedBytes(): number {
    return this.slots.byteLength + this.idEnds.byteLength + this.arena.byteLength;
  }

  private encode(applicationId: string): number {
    const length = applicationId.length;
    if (length > MAX_APPLICATION_ID_LENGTH) {
      throw new RangeError(`application id longer than ${MAX_APPLICATION_ID_LENGTH} characters`);
    }
    // Ids are ASCII in practice; copying char codes beats a native UTF-8 encoder call per id.
    for (let i = 0; i < length; i++) {
      const code = applicationId.charCodeAt(i);
      if (code > 0x7f) return this.scratchBuffer.write(applicationId, 0, 'utf8');
      this.scratch[i] = code;
    }
    return length;
  }

  private idEquals(index: number, length: number): boolean {
    const start = index === 0 ? 0 : this.idEnds[index - 1];
    if (this.idEnds[index] - start !== length) return false;
    for (let i = 0; i < length; i++) {
      if (this.arena[start + i] !== this.scratch[i]) return false;
    }
    return true;
  }

  private append(length: number): number {
    if (this.count === this.idEnds.length) {
      const grown = new Uint32Array(grownCapacity(this.idEnds.length));
      grown.set(this.idEnds);
      this.idEnds = grown;
    }
    if (this.arenaUsed + length > this.arena.length) {
      const grown = new Uint8Array(grownCapacity(this.arena.length + length));
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
    }
    const at = this.arenaUsed;
    for (let i = 0; i < length; i++) this.arena[at + i] = this.scratch[i];
    this.arenaUsed += length;
    this.idEnds[this.count] = this.arenaUsed;
    return this.count++;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = emptySlots(old.length); // old.length = 2 × old slot count = the new slot count
    this.mask = this.slots.length / 2 - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] < 0) continue;
      let slot = old[i + 1] & this.mask;
      while (this.slots[2 * slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[2 * slot] = old[i];
      this.slots[2 * slot + 1] = old[i + 1];
    }
  }
}

/** `slotCount` empty slots, as [number, hash] pairs. */
function emptySlots(slotCount: number): Int32Array {
  const slots = new Int32Array(slotCount * 2);
  for (let i = 0; i < slots.length; i += 2) slots[i] = -1;
  return slots;
}

/** Smallest power of two that keeps the table at most 70 % full for `capacity` ids. */
function slotCountFor(capacity: number): number {
  let slots = 16;
  while (slots * 7 < capacity * 10) slots *= 2;
  return slots;
}

/** Grow by half, not double: at 10 M ids doubling would strand hundreds of megabytes. */
export function grownCapacity(current: number): number {
  return ceil(current * 1.5) + 16;
}

/** FNV-1a with a murmur3 finaliser: sequential ids (APP-00000001, …) otherwise cluster in the low bits. */
function hashBytes(bytes: Uint8Array, length: number, start: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < start + length; i++) {
    hash = imul(hash ^ bytes[i], 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash | 0;
}
