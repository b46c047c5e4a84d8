import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, DEFAULT_IMAGE_LIMITS } from './image-decoder';
import { InvalidImageError, type InvalidImageReason } from './invalid-image.error';

function rawImage(width: number, height: number, channels: 1 | 3 | 4, data: number[]): Sharp {
  return sharp(Buffer.from(data), { raw: { width, height, channels } });
}

async function noisePng(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < data.length; i += 1) {
    data[i] = (i * 7919) % 251;
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

async function expectRejection(
  promise: Promise<unknown>,
  reason: InvalidImageReason,
): Promise<InvalidImageError> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(InvalidImageError);
  expect((error as InvalidImageError).reason).toBe(reason);
  return error as InvalidImageError;
}

describe('decodeImage', () => {
  it('returns the exact RGB pixels of a lossless PNG', async () => {
    const pixels = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90];
    const png = await rawImage(3, 2, 3, pixels).png().toBuffer();

    const image = await decodeImage(png);

    expect(image).toMatchObject({ width: 3, height: 2, channels: 3, format: 'png' });
    expect([...image.data]).toEqual(pixels);
  });

  it('composites transparent pixels over white and drops the alpha channel', async () => {
    const png = await rawImage(2, 1, 4, [0, 0, 0, 0, 12, 34, 56, 255]).png().toBuffer();

    const image = await decodeImage(png);

    expect([...image.data]).toEqual([255, 255, 255, 12, 34, 56]);
  });

  it('expands greyscale to three equal channels', async () => {
    const png = await rawImage(2, 1, 1, [7, 200]).png().toBuffer();

    const image = await decodeImage(png);

    expect([...image.data]).toEqual([7, 7, 7, 200, 200, 200]);
  });

  it('applies the EXIF orientation so the image is upright', async () => {
    // 16x8 landscape: left half red, right half blue. Orientation 6 means "rotate 90° clockwise to
    // display", so the upright image is 8x16 with red on top and blue at the bottom.
    const pixels: number[] = [];
    for (let y = 0; y < 8; y += 1) {
      for (let x = 0; x < 16; x += 1) {
        pixels.push(...(x < 8 ? [255, 0, 0] : [0, 0, 255]));
      }
    }
    const jpeg = await rawImage(16, 8, 3, pixels)
      .jpeg({ quality: 100 })
      .withMetadata({ orientation: 6 })
      .toBuffer();

    const image = await decodeImage(jpeg);

    expect(image).toMatchObject({ width: 8, height: 16, format: 'jpeg' });
    const pixelAt = (x: number, y: number): number[] => {
      const offset = (y * image.width + x) * 3;
      return [...image.data.subarray(offset, offset + 3)];
    };
    const [topRed, , topBlue] = pixelAt(4, 2);
    const [bottomRed, , bottomBlue] = pixelAt(4, 13);
    expect(topRed).toBeGreaterThan(200);
    expect(topBlue).toBeLessThan(60);
    expect(bottomRed).toBeLessThan(60);
    expect(bottomBlue).toBeGreaterThan(200);
  });

  it.each([
    ['webp', (s: Sharp) => s.webp({ lossless: true })],
    ['gif', (s: Sharp) => s.gif()],
    ['tiff', (s: Sharp) => s.tiff()],
    ['heif', (s: Sharp) => s.avif()],
  ])('accepts %s by content', async (format, encode) => {
    const encoded = await encode(rawImage(2, 2, 3, new Array<number>(12).fill(128))).toBuffer();

    const image = await decodeImage(encoded);

    expect(image).toMatchObject({ width: 2, height: 2, format });
    expect(image.data).toHaveLength(12);
  });

  it('rejects bytes that are not an image', async () => {
    await expectRejection(
      decodeImage(Buffer.from('just some text, named photo.jpg')),
      'not_an_image',
    );
    await expectRejection(decodeImage(Buffer.alloc(0)), 'not_an_image');
  });

  it('rejects SVG, which sharp could render but which is not a photo', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    await expectRejection(decodeImage(svg), 'unsupported_format');
  });

  it('rejects BMP as an unsupported format', async () => {
    const bmp = Buffer.alloc(54 + 16);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(bmp.length, 2);
    bmp.writeUInt32LE(54, 10);
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(2, 18);
    bmp.writeInt32LE(2, 22);
    bmp.writeUInt16LE(1, 26);
    bmp.writeUInt16LE(24, 28);
    await expectRejection(decodeImage(bmp), 'unsupported_format');
  });

  it('rejects an input larger than maxBytes before looking at it', async () => {
    const png = await noisePng(8, 8);
    await expectRejection(
      decodeImage(png, { ...DEFAULT_IMAGE_LIMITS, maxBytes: png.length - 1 }),
      'too_large',
    );
    await expect(
      decodeImage(png, { ...DEFAULT_IMAGE_LIMITS, maxBytes: png.length }),
    ).resolves.toMatchObject({ width: 8 });
  });

  it('rejects a small file that declares too many pixels (decompression bomb)', async () => {
    const bomb = await sharp({
      create: { width: 4000, height: 4000, channels: 3, background: '#ffffff' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(100_000);

    const error = await expectRejection(
      decodeImage(bomb, { ...DEFAULT_IMAGE_LIMITS, maxPixels: 1_000_000 }),
      'too_many_pixels',
    );
    expect(error.message).toContain('4000x4000');
  });

  it('accepts an image of exactly maxPixels and rejects one pixel row more', async () => {
    const limits = { ...DEFAULT_IMAGE_LIMITS, maxPixels: 100 * 100 };
    await expect(decodeImage(await noisePng(100, 100), limits)).resolves.toMatchObject({
      width: 100,
      height: 100,
    });
    await expectRejection(decodeImage(await noisePng(100, 101), limits), 'too_many_pixels');
  });

  it('rejects a truncated image whose header is intact', async () => {
    const png = await noisePng(64, 64);
    await expectRejection(decodeImage(png.subarray(0, png.length >> 1)), 'corrupt_image');
  });
});
