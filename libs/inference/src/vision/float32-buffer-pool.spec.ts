import { describe, expect, it } from 'vitest';
import { Float32BufferPool } from './float32-buffer-pool';

describe('Float32BufferPool', () => {
  it('hands a released buffer out again for the same length, and a new one for another length', () => {
    const pool = new Float32BufferPool();
    const first = pool.acquire(12);
    pool.release(first);

    expect(pool.acquire(12)).toBe(first);
    expect(pool.acquire(12)).not.toBe(first);
    expect(pool.acquire(6)).toHaveLength(6);
  });

  it('never hands one buffer to two borrowers, even if it was released twice', () => {
    const pool = new Float32BufferPool();
    const buffer = pool.acquire(4);
    pool.release(buffer);
    pool.release(buffer);

    expect(pool.acquire(4)).toBe(buffer);
    expect(pool.acquire(4)).not.toBe(buffer);
  });

  it('keeps at most maxIdlePerLength idle buffers of a length', () => {
    const pool = new Float32BufferPool(1);
    const [a, b] = [pool.acquire(3), pool.acquire(3)];
    pool.release(a);
    pool.release(b);

    expect(pool.acquire(3)).toBe(a);
    const next = pool.acquire(3);
    expect(next).not.toBe(a);
    expect(next).not.toBe(b);
  });

  it('keeps buffers on a SharedArrayBuffer apart from the others', () => {
    const pool = new Float32BufferPool();
    const shared = pool.acquire(8, true);
    const own = pool.acquire(8);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(own.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    pool.release(shared);
    pool.release(own);

    expect(pool.acquire(8)).toBe(own);
    expect(pool.acquire(8, true)).toBe(shared);
  });
});
