import { NodeIO, type Primitive } from '@gltf-transform/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { generateRelief } from './relief-generator';
import { DEFAULT_RELIEF_PARAMS, type ReliefParams } from './relief-params';
import { InvalidReliefInputError, ReliefCanceledError } from './relief.errors';
import {
  checkerboardPng,
  flatPng,
  horizontalGradientPng,
  pngHeaderOnly,
} from './relief-test-images.fixture';

const SMALL: ReliefParams = { ...DEFAULT_RELIEF_PARAMS, resolution: 16 };

async function onlyPrimitive(glb: Buffer): Promise<Primitive> {
  const document = await new NodeIO().readBinary(new Uint8Array(glb));
  const meshes = document.getRoot().listMeshes();
  expect(meshes).toHaveLength(1);
  expect(meshes[0].listPrimitives()).toHaveLength(1);
  return meshes[0].listPrimitives()[0];
}

function vectors(primitive: Primitive, semantic: string): number[][] {
  const accessor = primitive.getAttribute(semantic);
  if (accessor === null) {
    throw new Error(`no ${semantic}`);
  }
  return Array.from({ length: accessor.getCount() }, (_, index) => accessor.getElement(index, []));
}

function meanHeight(positions: number[][], keep: (x: number) => boolean): number {
  const heights = positions.filter(([x]) => keep(x)).map(([, y]) => y);
  return heights.reduce((sum, y) => sum + y, 0) / heights.length;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('generateRelief', () => {
  it.each([
    { image: [64, 48], grid: [16, 12] },
    { image: [30, 60], grid: [8, 16] },
  ])(
    'writes one indexed, textured mesh of a $grid.0 x $grid.1 grid for a $image.0 x $image.1 image',
    async ({ image, grid }) => {
      const [columns, rows] = grid;
      const result = await generateRelief(await horizontalGradientPng(image[0], image[1]), SMALL);

      const primitive = await onlyPrimitive(result.glb);
      const vertices = (columns + 1) * (rows + 1);
      expect(primitive.getAttribute('POSITION')?.getCount()).toBe(vertices);
      expect(primitive.getAttribute('NORMAL')?.getCount()).toBe(vertices);
      expect(primitive.getAttribute('TEXCOORD_0')?.getCount()).toBe(vertices);
      expect(primitive.getIndices()?.getCount()).toBe(3 * 2 * columns * rows);
      expect(result.stats).toEqual({
        vertices,
        triangles: 2 * columns * rows,
        width: columns,
        height: rows,
      });
      const texture = primitive.getMaterial()?.getBaseColorTexture();
      expect(texture?.getMimeType()).toBe('image/jpeg');
      expect(texture?.getSize()).toEqual(image);
    },
  );

  it('applies the EXIF orientation before laying out the grid', async () => {
    // Stored 64 x 48, but the camera was turned: upright, the image is 48 wide and 64 tall.
    const rotated = await sharp(await horizontalGradientPng(64, 48))
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();

    const { stats } = await generateRelief(rotated, SMALL);

    expect([stats.width, stats.height]).toEqual([12, 16]);
  });

  it('names the generator and records the parameters in one scene with one node', async () => {
    const params: ReliefParams = { resolution: 16, depth: 0.2, invert: true, smoothing: 2 };
    const { glb } = await generateRelief(await flatPng(20, 20), params);

    const io = new NodeIO();
    const { json } = await io.binaryToJSON(new Uint8Array(glb));
    expect(json.asset.generator).toBe('ml-platform relief-v1');
    expect(json.extras).toEqual({ model: 'relief-v1', params });
    const root = (await io.readBinary(new Uint8Array(glb))).getRoot();
    expect(root.listScenes()).toHaveLength(1);
    expect(root.listNodes()).toHaveLength(1);
    expect(root.getDefaultScene()?.listChildren()[0].getMesh()).not.toBeNull();
  });

  it('raises bright areas and, with invert, dark ones', async () => {
    const gradient = await horizontalGradientPng(64, 48);

    const plain = vectors(
      await onlyPrimitive((await generateRelief(gradient, SMALL)).glb),
      'POSITION',
    );
    const inverted = vectors(
      await onlyPrimitive((await generateRelief(gradient, { ...SMALL, invert: true })).glb),
      'POSITION',
    );

    const dark = (x: number) => x < -0.25;
    const bright = (x: number) => x > 0.25;
    expect(meanHeight(plain, bright)).toBeGreaterThan(meanHeight(plain, dark) + 0.05);
    expect(meanHeight(inverted, dark)).toBeGreaterThan(meanHeight(inverted, bright) + 0.05);
  });

  it('spans one unit along the longer side and depth x width in height', async () => {
    const params: ReliefParams = { ...SMALL, depth: 0.25, smoothing: 0 };
    const { glb } = await generateRelief(await checkerboardPng(64, 48, 16), params);

    const position = (await onlyPrimitive(glb)).getAttribute('POSITION');
    const [minX, minY, minZ] = position?.getMin([]) ?? [];
    const [maxX, maxY, maxZ] = position?.getMax([]) ?? [];
    expect([minX, maxX]).toEqual([-0.5, 0.5]);
    expect([minZ, maxZ]).toEqual([-0.375, 0.375]);
    expect(minY).toBeCloseTo(0, 5);
    expect(maxY).toBeCloseTo(0.25, 5);
  });

  it('has unit normals, all up on a flat image, and triangles that face up', async () => {
    const flat = await onlyPrimitive((await generateRelief(await flatPng(40, 30), SMALL)).glb);
    const bumpy = await onlyPrimitive(
      (await generateRelief(await checkerboardPng(40, 30, 5), SMALL)).glb,
    );

    for (const [x, y, z] of vectors(flat, 'NORMAL')) {
      expect([x, y, z]).toEqual([0, 1, 0]);
    }
    for (const [x, y, z] of vectors(bumpy, 'NORMAL')) {
      expect(Math.hypot(x, y, z)).toBeCloseTo(1, 5);
      expect(y).toBeGreaterThan(0);
    }
    const positions = vectors(flat, 'POSITION');
    const indices = flat.getIndices()?.getArray() ?? [];
    for (let first = 0; first < indices.length; first += 3) {
      const [a, b, c] = [0, 1, 2].map((corner) => positions[indices[first + corner]]);
      // y component of (b - a) x (c - a)
      const up = (b[2] - a[2]) * (c[0] - a[0]) - (b[0] - a[0]) * (c[2] - a[2]);
      expect(up).toBeGreaterThan(0);
    }
  });

  it.each([
    { image: [64, 48], preview: [512, 384] },
    { image: [30, 60], preview: [256, 512] },
  ])('renders a $preview.0 x $preview.1 PNG preview', async ({ image, preview }) => {
    const result = await generateRelief(await horizontalGradientPng(image[0], image[1]), SMALL);

    const metadata = await sharp(result.preview).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', ...preview]);
  });

  it('keeps flat ground its colour in the preview, lights slopes facing north-west, darkens others', async () => {
    const steep: ReliefParams = { ...SMALL, depth: 0.5 };
    const flat = await generateRelief(await flatPng(32, 32, 100), steep);
    // Rising eastwards, its slope faces west: towards the light. Inverted, it faces away.
    const gradient = await horizontalGradientPng(64, 48);
    const towards = await generateRelief(gradient, steep);
    const away = await generateRelief(gradient, { ...steep, invert: true });

    const flatStats = await sharp(flat.preview).stats();
    expect(flatStats.channels.map(({ min, max }) => [min, max])).toEqual([
      [100, 100],
      [100, 100],
      [100, 100],
    ]);
    const imageMean = (await sharp(gradient).stats()).channels[0].mean;
    expect((await sharp(towards.preview).stats()).channels[0].mean).toBeGreaterThan(imageMean + 20);
    expect((await sharp(away.preview).stats()).channels[0].mean).toBeLessThan(imageMean - 20);
  });

  it('gives identical bytes for identical input', async () => {
    const image = await checkerboardPng(48, 40, 6);

    const first = await generateRelief(image, SMALL);
    const second = await generateRelief(image, SMALL);

    expect(second.glb.equals(first.glb)).toBe(true);
    expect(second.preview.equals(first.preview)).toBe(true);
  });

  it('reports progress step by step up to 100', async () => {
    const reports: Array<[number, string]> = [];

    await generateRelief(await flatPng(16, 16), SMALL, async (percent, step) => {
      reports.push([percent, step]);
    });

    expect(reports).toEqual([
      [10, 'decode'],
      [30, 'heights'],
      [60, 'mesh'],
      [80, 'glb'],
      [95, 'preview'],
      [100, 'done'],
    ]);
  });

  it('stops with ReliefCanceledError when shouldStop answers true after the first step', async () => {
    const percents: number[] = [];
    let asked = 0;

    const error = await rejection(
      generateRelief(
        await flatPng(16, 16),
        SMALL,
        (percent) => {
          percents.push(percent);
        },
        async () => {
          asked += 1;
          return true;
        },
      ),
    );

    expect(error).toBeInstanceOf(ReliefCanceledError);
    expect((error as ReliefCanceledError).afterStep).toBe('decode');
    expect(percents).toEqual([10]);
    expect(asked).toBe(1);
  });

  it('refuses bytes that are not an image', async () => {
    const error = await rejection(generateRelief(Buffer.from('definitely not a PNG'), SMALL));

    expect(error).toBeInstanceOf(InvalidReliefInputError);
    expect((error as Error).message).toMatch(/not a usable image/);
  });

  it('refuses an image over 40 megapixels before decoding it', async () => {
    const error = await rejection(generateRelief(pngHeaderOnly(8000, 5001), SMALL));

    expect(error).toBeInstanceOf(InvalidReliefInputError);
    expect((error as Error).message).toMatch(/8000x5001 pixels; the limit is 40000000/);
  });

  it('refuses parameters out of range', async () => {
    const image = await flatPng(16, 16);

    const error = await rejection(generateRelief(image, { ...SMALL, resolution: 4096 }));

    expect(error).toBeInstanceOf(InvalidReliefInputError);
    expect((error as Error).message).toBe('resolution must be an integer from 16 to 256; got 4096');
  });
});
