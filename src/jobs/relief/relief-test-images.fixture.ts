import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** PNG images drawn pixel by pixel, for relief specs. */

type PixelFn = (x: number, y: number) => number;

async function greyPng(width: number, height: number, grey: PixelFn): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      data.fill(grey(x, y), (y * width + x) * 3, (y * width + x + 1) * 3);
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Black on the left edge to white on the right edge. */
export function horizontalGradientPng(width: number, height: number): Promise<Buffer> {
  return greyPng(width, height, (x) => Math.round((255 * x) / (width - 1)));
}

/** Black and white squares of `square` pixels, black in the top-left corner. */
export function checkerboardPng(width: number, height: number, square: number): Promise<Buffer> {
  return greyPng(width, height, (x, y) =>
    (Math.floor(x / square) + Math.floor(y / square)) % 2 === 0 ? 0 : 255,
  );
}

/** One grey level everywhere. */
export function flatPng(width: number, height: number, grey = 128): Promise<Buffer> {
  return greyPng(width, height, () => grey);
}

/**
 * A photo-sized colour image with smooth shading, hard edges and pixel noise, so that decoding,
 * resampling and texture encoding do realistic work.
 */
export async function photoLikeJpeg(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  let seed = 12345;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const noise = (seed % 41) - 20;
      const hill = 120 * Math.exp(-((x - width * 0.6) ** 2 + (y - height * 0.4) ** 2) / 40000);
      const disc = (x - width * 0.25) ** 2 + (y - height * 0.7) ** 2 < 90 ** 2 ? 90 : 0;
      const sky = (60 * (height - y)) / height;
      const offset = (y * width + x) * 3;
      data[offset] = clampByte(40 + hill + disc + noise);
      data[offset + 1] = clampByte(60 + hill * 0.8 + sky + noise);
      data[offset + 2] = clampByte(80 + sky * 2 + disc * 0.3 + noise);
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

function clampByte(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}

/**
 * A PNG that declares `width` x `height` RGB pixels but holds no pixel data: enough for a decoder
 * that checks the declared size first, and cheap to make at any size.
 */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(0))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
