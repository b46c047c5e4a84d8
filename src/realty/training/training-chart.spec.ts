import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { niceRange, renderTrainingChart } from './training-chart';

describe('renderTrainingChart', () => {
  const actual = Array.from({ length: 500 }, (_, i) => 50 + (i % 97) * 3);
  const predicted = actual.map((v, i) => v + ((i * 37) % 21) - 10);
  const input = {
    algorithm: 'gradient_boosting',
    metrics: { r2: 0.91, mae: 5.2, rmse: 6.1 },
    holdout: { actual, predicted },
    featureImportance: [
      { feature: 'TLA', importance: 0.6 },
      { feature: 'yrbuilt', importance: 0.3 },
      { feature: 'beds', importance: 0.1 },
    ],
    targetLabel: 'price ($1000s)',
  };

  it('stacks the scatter and the importance bars in one PNG', async () => {
    const png = renderTrainingChart(input);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([900, 640 + 90 + 3 * 28]);
  });

  it('draws the bars (teal pixels in the lower part) and the y = x line (red pixels in the upper)', async () => {
    const png = renderTrainingChart(input);
    const { data, info } = await sharp(png)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const count = (
      from: number,
      to: number,
      match: (r: number, g: number, b: number) => boolean,
    ): number => {
      let n = 0;
      for (let y = from; y < to; y++) {
        for (let x = 0; x < info.width; x++) {
          const o = (y * info.width + x) * 3;
          if (match(data[o], data[o + 1], data[o + 2])) n++;
        }
      }
      return n;
    };
    const teal = (r: number, g: number, b: number) =>
      r < 40 && g > 120 && g < 160 && b > 120 && b < 150;
    const red = (r: number, g: number, b: number) => r > 200 && g < 80 && b < 80;
    expect(count(640, info.height, teal)).toBeGreaterThan(1000);
    expect(count(0, 640, red)).toBeGreaterThan(300);
    expect(count(0, 640, teal)).toBe(0);
  });
});

describe('niceRange', () => {
  it('widens the axis range to round steps', () => {
    expect(niceRange(1.8, 682.5)).toEqual([0, 700]);
    expect(niceRange(-0.37, 0.52)).toEqual([-0.4, 0.55]);
    expect(niceRange(3, 3)).toEqual([2, 4]);
  });
});
