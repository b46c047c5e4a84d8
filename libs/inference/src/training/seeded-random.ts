/**
 * Small deterministic PRNG (mulberry32) for trainers, data generators, tests and benchmarks. Same seed, same
 * sequence, on every platform: it uses only 32-bit integer arithmetic.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Normally distributed (Box-Muller, cosine branch; consumes two uniforms per value). */
  normal(mean = 0, std = 1): number {
    const u1 = 1 - this.next(); // (0, 1]: keeps the logarithm finite
    const u2 = this.next();
    return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** True with probability `p`. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    return items;
  }

  /** The indices 0..n-1 in a random order. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** `count` values in [min, max), each already a float32 (what a Float32Array feed holds). */
  float32s(count: number, min = -1, max = 1): number[] {
    return Array.from({ length: count }, () => Math.fround(this.uniform(min, max)));
  }

  matrix(rows: number, cols: number, min = -1, max = 1): number[][] {
    return Array.from({ length: rows }, () => this.float32s(cols, min, max));
  }
}
