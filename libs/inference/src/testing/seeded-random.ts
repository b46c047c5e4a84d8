/** Small deterministic PRNG (mulberry32) for tests and benchmarks. */
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

  /** `count` values in [min, max), each already a float32 (what a Float32Array feed holds). */
  float32s(count: number, min = -1, max = 1): number[] {
    return Array.from({ length: count }, () => Math.fround(this.uniform(min, max)));
  }

  matrix(rows: number, cols: number, min = -1, max = 1): number[][] {
    return Array.from({ length: rows }, () => this.float32s(cols, min, max));
  }
}
