import { describe, expect, it } from 'vitest';
import { zeroFeeds, zeroTensor } from './zero-feeds';

describe('zeroTensor', () => {
  it('replaces dynamic dimensions and builds the typed array of the element type', () => {
    const tensor = zeroTensor({ name: 'x', elementType: 'float32', shape: ['batch', 3, '', 2] }, 1);
    expect(tensor.dims).toEqual([1, 3, 1, 2]);
    expect(tensor.data).toEqual(new Float32Array(6));

    expect(zeroTensor({ name: 'ids', elementType: 'int64', shape: ['n'] }, 4).data).toEqual(
      new BigInt64Array(4),
    );
    expect(zeroTensor({ name: 'mask', elementType: 'bool', shape: [2] }).type).toBe('bool');
    expect(zeroTensor({ name: 'text', elementType: 'string', shape: [2] }).data).toEqual(['', '']);
    expect(zeroTensor({ name: 'scalar', elementType: 'float64', shape: [] }).data).toEqual(
      new Float64Array(1),
    );
  });

  it('refuses non-tensor inputs', () => {
    expect(() => zeroTensor({ name: 'seq', elementType: null, shape: [] })).toThrow(/seq/);
  });

  it('builds one feed per input', () => {
    const feeds = zeroFeeds([
      { name: 'a', elementType: 'int32', shape: ['b', 2] },
      { name: 'b', elementType: 'uint8', shape: [3] },
    ]);
    expect(Object.keys(feeds)).toEqual(['a', 'b']);
    expect(feeds.a.data).toEqual(new Int32Array(2));
    expect(feeds.b.data).toEqual(new Uint8Array(3));
  });
});
