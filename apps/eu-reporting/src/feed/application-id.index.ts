import { MAX_APPLICATION_ID_LENGTH } from './application-fact.validator';

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
  private slots: Int32Array;
  private mask: number;
  private arena: Buffer;
  private arenaUsed = 0;
  /** End offset of id n in the arena; id n starts where id n-1 ends. */
  private idEnds: Uint32Array;
  private count = 0;
  private readonly scratch = Buffer.allocUnsafe(MAX_APPLICATION_ID_LENGTH * 3);

  constructor(expectedIds = 1024) {
    const capacity = Math.max(16, expectedIds);
    this.slots = new Int32Array(slotCountFor(capacity)).fill(-1);
    this.mask = this.slots.length - 1;
    this.idEnds = new Uint32Array(capacity);
    this.arena = Buffer.allocUnsafe(capacity * 16);
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
    const hash = hashBytes(this.scratch, length);
    let slot = hash & this.mask;
    for (;;) {
      const candidate = this.slots[slot];
      if (candidate < 0) break;
      if (this.idEquals(candidate, length)) return candidate;
      slot = (slot + 1) & this.mask;
    }
    const index = this.append(length);
    this.slots[slot] = index;
    if (this.count * 10 > this.slots.length * 7) this.rehash();
    return -(index + 1);
  }

  /** The record number of `applicationId`, or -1. */
  find(applicationId: string): number {
    if (applicationId.length > MAX_APPLICATION_ID_LENGTH) return -1;
    const length = this.encode(applicationId);
    let slot = hashBytes(this.scratch, length) & this.mask;
    for (;;) {
      const candidate = this.slots[slot];
      if (candidate < 0) return -1;
      if (this.idEquals(candidate, length)) return candidate;
      slot = (slot + 1) & this.mask;
    }
  }

  idAt(index: number): string {
    const start = index === 0 ? 0 : this.idEnds[index - 1];
    return this.arena.toString('utf8', start, this.idEnds[index]);
  }

  /** Bytes held in typed arrays, for the memory figures the bench reports. */
  retainedBytes(): number {
    return this.slots.byteLength + this.idEnds.byteLength + this.arena.length;
  }

  private encode(applicationId: string): number {
    if (applicationId.length > MAX_APPLICATION_ID_LENGTH) {
      throw new RangeError(`application id longer than ${MAX_APPLICATION_ID_LENGTH} characters`);
    }
    return this.scratch.write(applicationId, 0, 'utf8');
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
      const grown = Buffer.allocUnsafe(grownCapacity(this.arena.length + length));
      this.arena.copy(grown, 0, 0, this.arenaUsed);
      this.arena = grown;
    }
    this.scratch.copy(this.arena, this.arenaUsed, 0, length);
    this.arenaUsed += length;
    this.idEnds[this.count] = this.arenaUsed;
    return this.count++;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let index = 0; index < this.count; index++) {
      const start = index === 0 ? 0 : this.idEnds[index - 1];
      let slot = hashBytes(this.arena, this.idEnds[index] - start, start) & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = index;
    }
  }
}

/** Smallest power of two that keeps the table at most 70 % full for `capacity` ids. */
function slotCountFor(capacity: number): number {
  let slots = 16;
  while (slots * 7 < capacity * 10) slots *= 2;
  return slots;
}

/** Grow by half, not double: at 10 M ids doubling would strand hundreds of megabytes. */
export function grownCapacity(current: number): number {
  return Math.ceil(current * 1.5) + 16;
}

/** FNV-1a with a murmur3 finaliser: sequential ids (APP-00000001, …) otherwise cluster in the low bits. */
function hashBytes(bytes: Uint8Array, length: number, start = 0): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < start + length; i++) {
    hash = Math.imul(hash ^ bytes[i], 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
