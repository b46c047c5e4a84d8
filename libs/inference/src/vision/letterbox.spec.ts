import { describe, expect, it } from 'vitest';
import type { RgbImage } from './image-decoder';
import { computeLetterbox, letterboxImage, letterboxPixels } from './letterbox';

const PAD = Math.fround(114 / 255);

function solidImage(width: number, height: number, rgb: [number, number, number]): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = rgb[0];
    data[i + 1] = rgb[1];
    data[i + 2] = rgb[2];
  }
  return { width, height, channels: 3, data };
}

/** Value of channel c at (x, y) in a [1, 3, H, W] tensor. */
function sample(
  tensor: Float32Array,
  width: number,
  height: number,
  c: number,
  x: number,
  y: number,
) {
  return tensor[c * width * height + y * width + x];
}

describe('computeLetterbox', () => {
  it.each([
    // source w x h, target w x h -> ratio, new size, left, top, right, bottom
    [640, 480, 640, 640, 1, 640, 480, 0, 80, 0, 80],
    [1280, 720, 640, 640, 0.5, 640, 360, 0, 140, 0, 140],
    [100, 300, 640, 640, 640 / 300, 213, 640, 213, 0, 214, 0],
    [640, 640, 640, 640, 1, 640, 640, 0, 0, 0, 0],
    [10, 7, 640, 640, 64, 640, 448, 0, 96, 0, 96],
    [640, 481, 640, 640, 1, 640, 481, 0, 79, 0, 80],
    [1280, 720, 640, 384, 0.5, 640, 360, 0, 12, 0, 12],
    [250, 199, 640, 640, 2.56, 640, 509, 0, 65, 0, 66],
  ])(
    '%ix%i into %ix%i',
    (sw, sh, tw, th, ratio, newWidth, newHeight, padLeft, padTop, padRight, padBottom) => {
      expect(computeLetterbox({ width: sw, height: sh }, { width: tw, height: th })).toEqual({
        sourceWidth: sw,
        sourceHeight: sh,
        targetWidth: tw,
        targetHeight: th,
        ratio,
        newWidth,
        newHeight,
        padLeft,
        padTop,
        padRight,
        padBottom,
      });
    },
  );

  it('rounds a half-pixel size to even like Python, not up like Math.round', () => {
    // 5 * 0.5 = 2.5 -> 2 (Math.round would give 3 and shift every box by half a pixel).
    expect(computeLetterbox({ width: 1280, height: 5 }, { width: 640, height: 640 })).toMatchObject(
      {
        newWidth: 640,
        newHeight: 2,
        padTop: 319,
        padBottom: 319,
      },
    );
    expect(computeLetterbox({ width: 8, height: 5 }, { width: 4, height: 4 })).toMatchObject({
      newWidth: 4,
      newHeight: 2,
      padTop: 1,
      padBottom: 1,
    });
  });

  it('keeps at least one pixel for an extremely thin image', () => {
    expect(
      computeLetterbox({ width: 1, height: 20_000 }, { width: 640, height: 640 }),
    ).toMatchObject({ newWidth: 1, newHeight: 640, padLeft: 319, padRight: 320 });
  });

  it('always fills the target exactly', () => {
    for (const [w, h] of [
      [3, 3],
      [641, 479],
      [4032, 3024],
      [17, 1001],
    ]) {
      const box = computeLetterbox({ width: w, height: h }, { width: 640, height: 640 });
      expect(box.newWidth + box.padLeft + box.padRight).toBe(640);
      expect(box.newHeight + box.padTop + box.padBottom).toBe(640);
    }
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => computeLetterbox({ width: 0, height: 10 }, { width: 640, height: 640 })).toThrow(
      RangeError,
    );
    expect(() =>
      computeLetterbox({ width: 10, height: 10 }, { width: 640.5, height: 640 }),
    ).toThrow(RangeError);
  });
});

describe('letterboxImage', () => {
  it('pads without resampling when the image already fits, in CHW order', async () => {
    // 4x2 image; each pixel's red = 10 * (index + 1), green = 100 + index, blue = 255 - index.
    const bytes: number[] = [];
    for (let index = 0; index < 8; index += 1) {
      bytes.push(10 * (index + 1), 100 + index, 255 - index);
    }
    const image: RgbImage = { width: 4, height: 2, channels: 3, data: Buffer.from(bytes) };

    const result = await letterboxImage(image, { width: 4, height: 4 });

    expect(result.dims).toEqual([1, 3, 4, 4]);
    expect(result.data).toHaveLength(3 * 16);
    expect(result.letterbox).toMatchObject({ ratio: 1, padTop: 1, padBottom: 1, padLeft: 0 });
    for (let x = 0; x < 4; x += 1) {
      for (const c of [0, 1, 2]) {
        expect(sample(result.data, 4, 4, c, x, 0)).toBe(PAD);
        expect(sample(result.data, 4, 4, c, x, 3)).toBe(PAD);
      }
    }
    // Source pixel (x=2, y=1) is index 6 and lands on row 2 of the tensor.
    expect(sample(result.data, 4, 4, 0, 2, 2)).toBe(Math.fround(70 / 255));
    expect(sample(result.data, 4, 4, 1, 2, 2)).toBe(Math.fround(106 / 255));
    expect(sample(result.data, 4, 4, 2, 2, 2)).toBe(Math.fround(249 / 255));
    // Source pixel (x=0, y=0) is index 0 and lands on row 1.
    expect(sample(result.data, 4, 4, 0, 0, 1)).toBe(Math.fround(10 / 255));
  });

  it('upscales and pads the sides with grey 114', async () => {
    // 2x2 -> 8x6: ratio 3, resized to 6x6, one grey column on each side.
    const result = await letterboxImage(solidImage(2, 2, [10, 200, 30]), { width: 8, height: 6 });

    expect(result.letterbox).toMatchObject({ ratio: 3, newWidth: 6, newHeight: 6, padLeft: 1 });
    for (let y = 0; y < 6; y += 1) {
      for (const c of [0, 1, 2]) {
        expect(sample(result.data, 8, 6, c, 0, y)).toBe(PAD);
        expect(sample(result.data, 8, 6, c, 7, y)).toBe(PAD);
      }
      expect(sample(result.data, 8, 6, 0, 3, y)).toBe(Math.fround(10 / 255));
      expect(sample(result.data, 8, 6, 1, 3, y)).toBe(Math.fround(200 / 255));
      expect(sample(result.data, 8, 6, 2, 3, y)).toBe(Math.fround(30 / 255));
    }
  });

  it('downscales a landscape photo into the middle band and keeps left on the left', async () => {
    // 1280x720, left half red, right half blue -> 640x640 with 140 grey rows above and below.
    const image = solidImage(1280, 720, [0, 0, 255]);
    for (let y = 0; y < 720; y += 1) {
      for (let x = 0; x < 640; x += 1) {
        image.data[(y * 1280 + x) * 3] = 255;
        image.data[(y * 1280 + x) * 3 + 2] = 0;
      }
    }

    const { data } = await letterboxImage(image, { width: 640, height: 640 });

    expect(sample(data, 640, 640, 0, 320, 139)).toBe(PAD);
    expect(sample(data, 640, 640, 0, 320, 500)).toBe(PAD);
    expect(sample(data, 640, 640, 0, 100, 140)).toBe(1);
    expect(sample(data, 640, 640, 2, 100, 140)).toBe(0);
    expect(sample(data, 640, 640, 0, 540, 499)).toBe(0);
    expect(sample(data, 640, 640, 2, 540, 499)).toBe(1);
  });

  it('returns the padded RGB pixels on request', async () => {
    const { image, letterbox } = await letterboxPixels(solidImage(3, 1, [1, 2, 3]), {
      width: 3,
      height: 3,
    });

    expect(letterbox).toMatchObject({ padTop: 1, padBottom: 1 });
    expect([...image.data]).toEqual([
      ...[114, 114, 114, 114, 114, 114, 114, 114, 114],
      ...[1, 2, 3, 1, 2, 3, 1, 2, 3],
      ...[114, 114, 114, 114, 114, 114, 114, 114, 114],
    ]);
  });
});
