import sharp from 'sharp';

/** A PNG of `width`×`height`: a bright disc on a dark background. */
export const discImage = (width = 64, height = 48): Promise<Buffer> => {
  const pixels = Buffer.alloc(width * height * 3);
  const radius = Math.min(width, height) * 0.31;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inside = (x - width / 2) ** 2 + (y - height / 2) ** 2 < radius ** 2;
      pixels.fill(inside ? 230 : 20, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
};
