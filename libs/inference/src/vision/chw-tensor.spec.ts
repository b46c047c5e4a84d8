import { describe, expect, it } from 'vitest';
import { writeChwTensor } from './chw-tensor';
import type { RgbImage } from './image-decoder';

function image(width: number, height: number, bytes: number[]): RgbImage {
  return { width, height, channels: 3, data: Buffer.from(bytes) };
}

describe('writeChwTensor', () => {
  it('puts all red samples first, then green, then blue, scaled to 0..1', () => {
    // 2x1 image: pixel 0 = (0, 51, 102), pixel 1 = (153, 204, 255)
    const tensor = writeChwTensor(image(2, 1, [0, 51, 102, 153, 204, 255]));

    expect([...tensor]).toEqual([0, 153, 51, 204, 102, 255].map((v) => Math.fround(v / 255)));
  });

  it('keeps row-major order inside each plane', () => {
    // 2x2 image whose red channel numbers the pixels 1..4 in reading order.
    const tensor = writeChwTensor(image(2, 2, [1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0]));

    expect([...tensor.subarray(0, 4)].map((v) => Math.round(v * 255))).toEqual([1, 2, 3, 4]);
    expect([...tensor.subarray(4)].every((v) => v === 0)).toBe(true);
  });

  it('writes at an offset into a shared batch tensor', () => {
    const batch = new Float32Array(2 * 3).fill(-1);

    writeChwTensor(image(1, 1, [255, 0, 255]), batch, 3);

    expect([...batch]).toEqual([-1, -1, -1, 1, 0, 1]);
  });

  it('refuses a target that cannot hold the image', () => {
    expect(() => writeChwTensor(image(1, 1, [1, 2, 3]), new Float32Array(3), 1)).toThrow(
      RangeError,
    );
  });

  it('refuses pixel data of the wrong length', () => {
    expect(() => writeChwTensor(image(2, 1, [1, 2, 3]))).toThrow(RangeError);
  });
});
