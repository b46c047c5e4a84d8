import { describe, expect, it } from 'vitest';
import { warmUpFeeds, zeroFeeds, zeroTensor } from './zero-feeds';

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

describe('warmUpFeeds', () => {
  const image = { name: 'images', elementType: 'float32', shape: ['batch', 3, 'height', 'width'] };

  it('gives a dynamic image input the size of the imgsz metadata', () => {
    expect(warmUpFeeds([image], { imgsz: '[480, 640]' }).images.dims).toEqual([1, 3, 480, 640]);
    expect(warmUpFeeds([image], { imgsz: '320' }).images.dims).toEqual([1, 3, 320, 320]);
  });

  it('keeps 1 for dynamic dims without imgsz and leaves other inputs alone', () => {
    expect(warmUpFeeds([image]).images.dims).toEqual([1, 3, 1, 1]);
    const rows = { name: 'x', elementType: 'float32', shape: ['batch', 3] };
    expect(warmUpFeeds([rows], { imgsz: '[640, 640]' }).x.dims).toEqual([1, 3]);
  });
});
