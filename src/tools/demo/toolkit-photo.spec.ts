import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { TOOL_CLASS_NAMES, TOOL_GLYPHS, toolGlyph } from './tool-glyphs';
import { layoutToolkit } from './toolkit-layout';
import { glyphExtent, renderToolkitPhoto } from './toolkit-photo';

const overlap = (a: number[], b: number[]): boolean =>
  a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

describe('renderToolkitPhoto', () => {
  it('draws each glyph in its class colour inside its truth box, and the same options give the same bytes', async () => {
    const options = {
      width: 320,
      height: 200,
      seed: 4,
      format: 'png' as const,
      tools: [
        { className: 'hammer', x: 80, y: 100, size: 120 },
        {
          className: 'spirit_level',
          x: 240,
          y: 100,
          size: 150,
          orientation: 'horizontal' as const,
        },
      ],
    };
    const photo = await renderToolkitPhoto(options);
    expect((await renderToolkitPhoto(options)).image.equals(photo.image)).toBe(true);
    expect(photo.truth).toEqual([
      { className: 'hammer', box: [38, 40, 122, 160] },
      { className: 'spirit_level', box: [165, 86.5, 315, 113.5] },
    ]);
    const { data, info } = await sharp(photo.image).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels).subarray(0, 3),
    ];
    expect(pixel(80, 150)).toEqual([...toolGlyph('hammer').colour]); // the handle
    expect(pixel(240, 100)).toEqual([...toolGlyph('spirit_level').colour]);
    const background = pixel(160, 20);
    expect(Math.max(...background) - Math.min(...background)).toBeLessThan(30); // neutral
  });

  it('writes JPEG by default and refuses unknown classes', async () => {
    const { image } = await renderToolkitPhoto({
      width: 64,
      height: 64,
      seed: 1,
      tools: [{ className: 'flashlight', x: 32, y: 32, size: 40 }],
    });
    expect((await sharp(image).metadata()).format).toBe('jpeg');
    await expect(
      renderToolkitPhoto({
        width: 64,
        height: 64,
        seed: 1,
        tools: [{ className: 'drill', x: 1, y: 1 }],
      }),
    ).rejects.toThrow('Unknown tool class "drill"');
  });

  it('has eleven glyphs with distinct, saturated colours', () => {
    expect(TOOL_GLYPHS.map((g) => g.className)).toEqual([...TOOL_CLASS_NAMES]);
    for (const a of TOOL_GLYPHS) {
      for (const b of TOOL_GLYPHS) {
        if (a === b) continue;
        expect(Math.hypot(...a.colour.map((v, i) => v - b.colour[i]))).toBeGreaterThan(75);
      }
    }
  });
});

describe('layoutToolkit', () => {
  it('places a multiset of tools inside the photo without overlap, same classes further apart', () => {
    const classes = [...TOOL_CLASS_NAMES, 'hammer', 'hammer', 'wrench'];
    const tools = layoutToolkit({ width: 1280, height: 960, classes, seed: 9 });
    expect(tools.map((t) => t.className).sort()).toEqual([...classes].sort());
    const boxes = tools.map((t) => {
      const { width, height } = glyphExtent(t.className, t.size ?? 0, t.orientation);
      return [t.x - width / 2, t.y - height / 2, t.x + width / 2, t.y + height / 2];
    });
    boxes.forEach((box, i) => {
      expect(box[0]).toBeGreaterThanOrEqual(0);
      expect(box[3]).toBeLessThanOrEqual(960);
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(box, boxes[j])).toBe(false);
    });
    const hammers = boxes.filter((_, i) => tools[i].className === 'hammer');
    const grown = (b: number[], by: number) => [b[0] - by, b[1] - by, b[2] + by, b[3] + by];
    expect(overlap(grown(hammers[0], 60), hammers[1])).toBe(false);
    expect(layoutToolkit({ width: 1280, height: 960, classes, seed: 9 })).toEqual(tools);
  });

  it('shrinks glyphs to fit, and says so when they cannot', () => {
    const tools = layoutToolkit({
      width: 200,
      height: 200,
      classes: ['hammer', 'pliers', 'hex_key'],
      seed: 2,
    });
    expect(tools).toHaveLength(3);
    expect(() =>
      layoutToolkit({ width: 40, height: 40, classes: [...TOOL_CLASS_NAMES], seed: 2 }),
    ).toThrow('11 tools do not fit on a 40x40 photo');
  });
});
