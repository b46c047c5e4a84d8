import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { renderPngChart } from './png-chart';

describe('renderPngChart', () => {
  it('draws a line chart to a PNG of the asked size', async () => {
    const png = renderPngChart(
      {
        type: 'line',
        data: { labels: ['a', 'b', 'c'], datasets: [{ label: 'x', data: [1, 3, 2] }] },
      },
      { width: 320, height: 200 },
    );
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([320, 200]);
    const { channels } = await sharp(png).stats();
    // Not a blank image: the line and axes make the channels vary.
    expect(channels[0].min).toBeLessThan(channels[0].max);
  });
});
