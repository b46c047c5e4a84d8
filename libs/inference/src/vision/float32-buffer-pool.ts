/**
 * Float32 buffers kept for reuse, by length: for model inputs of a few megabytes (a 640×640 letterbox is 4.9 MB)
 * written once per request. A buffer allocated afresh is new memory from the kernel each time, every page of which
 * faults on its first write, and which the garbage collector and munmap must free again later: on the 2-core
 * development VM filling a new 4.9 MB tensor took 20–25 ms against about 1 ms for one already written. A borrowed
 * buffer holds the last user's values, so its writer must overwrite every element (as `writeChwTensor` does).
 */
export class Float32BufferPool {
  /** Idle buffers by length; shared ones (on a SharedArrayBuffer) by the negative length. */
  private readonly idle = new Map<number, Float32Array[]>();

  /** `maxIdlePerLength`: buffers of one length kept between uses (the rest are left to the GC). */
  constructor(private readonly maxIdlePerLength = 4) {}

  /**
   * An idle buffer of `length` elements, or a new one; `shared`: on a SharedArrayBuffer (for a model in a thread of
   * its own, which then reads it without a copy). Hand it back with `release` when done with it.
   */
  acquire(length: number, shared = false): Float32Array {
    return (
      this.idle.get(shared ? -length : length)?.pop() ??
      new Float32Array(shared ? new SharedArrayBuffer(length * 4) : new ArrayBuffer(length * 4))
    );
  }

  /** Returns a buffer from `acquire` for reuse; nothing may read or write it afterwards. */
  release(buffer: Float32Array): void {
    const key = buffer.buffer instanceof SharedArrayBuffer ? -buffer.length : buffer.length;
    let idle = this.idle.get(key);
    if (!idle) this.idle.set(key, (idle = []));
    if (idle.length < this.maxIdlePerLength && !idle.includes(buffer)) idle.push(buffer);
  }
}
