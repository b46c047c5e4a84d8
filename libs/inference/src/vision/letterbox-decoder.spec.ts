import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_LIMITS, decodeImage } from './image-decoder';
import { InvalidImageError } from './invalid-image.error';
import { letterboxImage } from './letterbox';
import { decodeLetterboxed } from './letterbox-decoder';

const TARGET = { width: 640, height: 640 };

/** A detailed picture (noise over a gradient), so any difference in resampling shows. */
const picture = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({
    create: {
      width,
      height,
      channels,
      background: { r: 40, g: 120, b: 200, alpha: 0.6 },
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  });

describe('decodeLetterboxed', () => {
  it.each([
    ['JPEG 1920x1080', () => picture(1920, 1080).jpeg({ quality: 88 }).toBuffer()],
    ['JPEG 640x480', () => picture(640, 480).jpeg().toBuffer()],
    ['PNG with alpha', () => picture(300, 500, 4).png().toBuffer()],
    ['palette PNG', () => picture(700, 300).png({ palette: true }).toBuffer()],
    ['greyscale JPEG', () => picture(800, 600).greyscale().jpeg().toBuffer()],
    [
      'EXIF-rotated JPEG',
      () => picture(1200, 500).jpeg().withMetadata({ orientation: 6 }).toBuffer(),
    ],
    ['16-bit PNG', () => picture(400, 300).toColourspace('rgb16').png().toBuffer()],
  ])('gives the tensor of decodeImage + letterboxImage for a %s', async (_name, make) => {
    const input = await make();
    const decoded = await decodeImage(input);
    const expected = await letterboxImage(decoded, TARGET);
    const actual = await decodeLetterboxed(input, TARGET, DEFAULT_IMAGE_LIMITS);
    expect([actual.width, actual.height]).toEqual([decoded.width, decoded.height]);
    expect(actual.format).toBe(decoded.format);
    expect(actual.letterboxed.letterbox).toEqual(expected.letterbox);
    expect(actual.letterboxed.dims).toEqual(expected.dims);
    expect(
      Buffer.from(actual.letterboxed.data.buffer).equals(Buffer.from(expected.data.buffer)),
    ).toBe(true);
  });

  it('refuses what decodeImage refuses, for the same reasons', async () => {
    const reasonOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: unknown) => (error instanceof InvalidImageError ? error.reason : String(error)),
      );
    const big = await picture(300, 300).png().toBuffer();
    const truncated = (await picture(300, 300).jpeg().toBuffer()).subarray(0, 2000);
    for (const [input, limits] of [
      [Buffer.from('not an image at all'), DEFAULT_IMAGE_LIMITS],
      [big, { ...DEFAULT_IMAGE_LIMITS, maxPixels: 50_000 }],
      [big, { ...DEFAULT_IMAGE_LIMITS, maxBytes: 100 }],
      [truncated, DEFAULT_IMAGE_LIMITS],
    ] as const) {
      expect(await reasonOf(decodeLetterboxed(input, TARGET, limits))).toBe(
        await reasonOf(decodeImage(input, limits)),
      );
    }
  });

  it.each([
    ['JPEG (one pipeline)', () => picture(800, 500).jpeg().toBuffer()],
    [
      'EXIF-rotated JPEG (two steps)',
      () => picture(500, 800).jpeg().withMetadata({ orientation: 6 }).toBuffer(),
    ],
  ])(
    'writes the tensor of a %s into a given buffer, overwriting what it held',
    async (_name, make) => {
      const input = await make();
      const fresh = await decodeLetterboxed(input, TARGET, DEFAULT_IMAGE_LIMITS);
      const used = new Float32Array(3 * TARGET.width * TARGET.height).fill(Number.NaN);

      const reused = await decodeLetterboxed(input, TARGET, DEFAULT_IMAGE_LIMITS, used);

      expect(reused.letterboxed.data).toBe(used);
      expect(Buffer.from(used.buffer).equals(Buffer.from(fresh.letterboxed.data.buffer))).toBe(
        true,
      );
    },
  );

  it('refuses a buffer that does not fit the tensor', async () => {
    const input = await picture(300, 200).jpeg().toBuffer();

    await expect(
      decodeLetterboxed(input, TARGET, DEFAULT_IMAGE_LIMITS, new Float32Array(10)),
    ).rejects.toThrow(RangeError);
  });
});
