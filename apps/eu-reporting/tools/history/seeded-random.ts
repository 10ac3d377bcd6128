/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) with integer-only helpers. Integer arithmetic
 * throughout — no Math.random, no Math.exp/log — so a seed gives the same history on every machine and
 * every Node version. Not for anything secret.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix32();
    this.b = splitmix32();
    this.c = splitmix32();
    this.d = splitmix32();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform integer in [0, bound), without modulo bias (rejection sampling). */
  nextInt(bound: number): number {
    if (!(bound > 0 && bound <= 0x100000000 && bound % 1 === 0)) throw new RangeError(`bad bound ${bound}`);
    const limit = 0x100000000 - (0x100000000 % bound);
    for (;;) {
      const value = this.nextUint32();
      if (value < limit) return value % bound;
    }
  }

  /** Uniform integer in [min, max], both inclusive. */
  between(min: number, max: number): number {
    return min + this.nextInt(max - min + 1);
  }

  /** Index chosen with probability proportional to its (integer) weight. */
  pickWeighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let ticket = this.nextInt(total);
    for (let i = 0; i < weights.length; i++) {
      ticket -= weights[i];
      if (ticket < 0) return i;
    }
    return weights.length - 1;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const held = items[i];
      items[i] = items[j];
      items[j] = held;
    }
    return items;
  }
}
