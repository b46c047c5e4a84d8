import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { classColour } from './class-palette';
import { drawDetections } from './detection-drawer';
import { buildDetectionOverlay, type DrawableDetection } from './detection-overlay';
import type { RgbImage } from './image-decoder';

function greyImage(width: number, height: number): RgbImage {
  return { width, height, channels: 3, data: Buffer.alloc(width * height * 3, 90) };
}

async function decodeRaw(encoded: Buffer) {
  return sharp(encoded).removeAlpha().raw().toBuffer({ resolveWithObject: true });
}

function pixel(raw: { data: Buffer; info: { width: number } }, x: number, y: number): number[] {
  const offset = (y * raw.info.width + x) * 3;
  return [...raw.data.subarray(offset, offset + 3)];
}

const hammer: DrawableDetection = {
  classIndex: 0,
  className: 'hammer',
  score: 0.87,
  box: { x1: 20, y1: 40, x2: 120, y2: 110 },
};

describe('drawDetections', () => {
  const image = greyImage(200, 150);

  it('outlines the box in the class colour and leaves the rest of the image alone', async () => {
    const raw = await decodeRaw(await drawDetections(image, [hammer], { format: 'png' }));
    const { r, g, b } = classColour(0);

    expect(raw.info).toMatchObject({ width: 200, height: 150, format: 'raw' });
    expect(pixel(raw, 20, 75)).toEqual([r, g, b]); // left edge
    expect(pixel(raw, 70, 109)).toEqual([r, g, b]); // bottom edge
    expect(pixel(raw, 70, 75)).toEqual([90, 90, 90]); // inside: outline only
    expect(pixel(raw, 180, 140)).toEqual([90, 90, 90]); // far from the box
    expect(pixel(raw, 21, 30)).not.toEqual([90, 90, 90]); // label background above the box
  });

  it('encodes JPEG by default with the same dimensions', async () => {
    const jpeg = await drawDetections(image, [hammer]);
    const metadata = await sharp(jpeg).metadata();

    expect(metadata).toMatchObject({ format: 'jpeg', width: 200, height: 150 });
  });

  it('draws labels containing markup as text', async () => {
    const hostile = { ...hammer, className: '</text><script>alert(1)</script>&' };
    const raw = await decodeRaw(await drawDetections(image, [hostile], { format: 'png' }));

    expect(pixel(raw, 20, 75)).toEqual(Object.values(classColour(0)));
  });

  it('returns the unchanged picture when there is nothing to draw', async () => {
    const raw = await decodeRaw(await drawDetections(image, [], { format: 'png' }));

    expect(raw.data.equals(image.data)).toBe(true);
  });

  it('draws exactly what one image-sized overlay would, although it composites one tile per box', async () => {
    const detections: DrawableDetection[] = [
      hammer,
      { classIndex: 3, className: 'pliers', score: 0.5, box: { x1: 0, y1: 0, x2: 60.4, y2: 30.6 } },
      {
        classIndex: 5,
        className: 'hex_key',
        score: 0.99,
        box: { x1: 150.5, y1: 120, x2: 200, y2: 150 },
      },
    ];
    const tiled = await decodeRaw(await drawDetections(image, detections, { format: 'png' }));
    const whole = await sharp(image.data, { raw: { width: 200, height: 150, channels: 3 } })
      .composite([
        { input: Buffer.from(buildDetectionOverlay(image, detections)), left: 0, top: 0 },
      ])
      .removeAlpha()
      .raw()
      .toBuffer();
    expect(tiled.data.equals(whole)).toBe(true);
  });
});
