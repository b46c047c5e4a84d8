import { Tensor, type ModelRegistry } from '@app/inference';
import { ServiceUnavailableException } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config';
import { ImageRejectedException } from './image-rejected.exception';
import { ToolClassThresholds } from './tool-class-thresholds';
import { ToolDetector } from './tool-detector';

/** Anchors of a fake YOLO output: box in input pixels and one score per class. */
type Anchor = { box: [number, number, number, number]; scores: number[] };

function yoloOutput(anchors: Anchor[], classes: number): Tensor {
  const rows = 4 + classes;
  const data = new Float32Array(rows * anchors.length);
  anchors.forEach((anchor, a) => {
    [...anchor.box, ...anchor.scores].forEach(
      (value, row) => (data[row * anchors.length + a] = value),
    );
  });
  return new Tensor('float32', data, [1, rows, anchors.length]);
}

function fakeRegistry(options: {
  names?: string;
  anchors: Anchor[];
  classes: number;
  loaded?: boolean;
}) {
  const runs: Array<Record<string, Tensor>> = [];
  const registry = {
    activeVersion: () => (options.loaded === false ? null : '7.0.0'),
    get: () => ({
      inputs: [{ name: 'images', elementType: 'float32', shape: [1, 3, 64, 64] }],
      outputs: [
        {
          name: 'output0',
          elementType: 'float32',
          shape: [1, 4 + options.classes, options.anchors.length],
        },
      ],
      outputNames: ['output0'],
      metadataProps: options.names === undefined ? {} : { names: options.names },
    }),
    run: async (_name: string, feeds: Record<string, Tensor>) => {
      runs.push(feeds);
      return { output0: yoloOutput(options.anchors, options.classes) };
    },
  };
  return { registry: registry as unknown as ModelRegistry, runs };
}

function detectorWith(
  registry: ModelRegistry,
  thresholds: object | null,
  classNames: string[] = [],
) {
  const dir = mkdtempSync(join(tmpdir(), 'tool-detector-'));
  const file = join(dir, 'thresholds.json');
  writeFileSync(file, JSON.stringify(thresholds));
  const config = {
    toolDetector: { maxPixels: 20_000, classThresholdsFile: file, classNames },
  } as AppConfig;
  return new ToolDetector(registry, new ToolClassThresholds(config), config);
}

/** 128 x 64 grey PNG: letterboxed into 64 x 64 at ratio 0.5 with 16 px of padding above and below. */
const photo = () =>
  sharp({ create: { width: 128, height: 64, channels: 3, background: { r: 90, g: 90, b: 90 } } })
    .png()
    .toBuffer();

describe('ToolDetector', () => {
  const anchors: Anchor[] = [
    { box: [32, 32, 20, 10], scores: [0.6, 0.1] }, // hammer 0.6
    { box: [10, 40, 8, 8], scores: [0.05, 0.62] }, // wrench 0.62
    { box: [11, 40, 8, 8], scores: [0.04, 0.58] }, // the same wrench, weaker: removed by NMS
  ];

  it('feeds the letterboxed image and maps boxes back to the original pixels', async () => {
    const { registry, runs } = fakeRegistry({
      names: "{0: 'hammer', 1: 'wrench'}",
      anchors,
      classes: 2,
    });
    const outcome = await detectorWith(registry, { default: 0 }).detect(await photo(), {
      confidence: 0.5,
    });
    expect(runs[0].images.dims).toEqual([1, 3, 64, 64]);
    expect(outcome).toMatchObject({ width: 128, height: 64, modelVersion: '7.0.0' });
    expect(outcome.detections).toEqual([
      { className: 'wrench', classIndex: 1, confidence: 0.62, box: [12, 40, 28, 56] },
      { className: 'hammer', classIndex: 0, confidence: 0.6, box: [44, 22, 84, 42] },
    ]);
    expect(Object.values(outcome.timings).every((ms) => ms >= 0)).toBe(true);
  });

  it('applies max(class threshold or default, request confidence)', async () => {
    const { registry } = fakeRegistry({ names: "{0: 'hammer', 1: 'wrench'}", anchors, classes: 2 });
    const detector = detectorWith(registry, { default: 0.3, classes: { hammer: 0.61 } });
    const at = async (confidence: number) =>
      (await detector.detect(await photo(), { confidence })).detections.map((d) => d.className);
    expect(await at(0)).toEqual(['wrench']);
    expect(await at(0.619)).toEqual(['wrench']);
    expect(await at(0.621)).toEqual([]); // 0.62 as float32 is a hair above 0.62
  });

  it('names classes from config, then class<i>, when the model has no names metadata', async () => {
    const { registry } = fakeRegistry({ anchors, classes: 2 });
    expect(detectorWith(registry, { default: 0 }, ['hammer']).classNames()).toEqual([
      'hammer',
      'class1',
    ]);
  });

  it('refuses non-images (415) and images over the pixel limit (413) before running the model', async () => {
    const { registry, runs } = fakeRegistry({ anchors, classes: 2 });
    const detector = detectorWith(registry, { default: 0 });
    const refused = (input: Buffer) =>
      detector.detect(input, { confidence: 0.5 }).catch((e: unknown) => e);
    const notImage = await refused(Buffer.from('%PDF-1.7 not a photo'));
    expect(notImage).toBeInstanceOf(ImageRejectedException);
    expect((notImage as ImageRejectedException).getStatus()).toBe(415);
    const big = await sharp({
      create: { width: 200, height: 200, channels: 3, background: '#888' },
    })
      .png()
      .toBuffer();
    expect(((await refused(big)) as ImageRejectedException).getStatus()).toBe(413);
    expect(runs).toHaveLength(0);
  });

  it('with a gate: runs the model once it opens, stops before the run when it says no, and reuses the input buffer', async () => {
    const { registry, runs } = fakeRegistry({ anchors, classes: 2 });
    const detector = detectorWith(registry, { default: 0 });
    let open!: (proceed: boolean) => void;
    const gate = new Promise<boolean>((resolve) => (open = resolve));

    const gated = detector.detect(await photo(), { confidence: 0.5, proceed: gate });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toHaveLength(0);
    open(true);
    expect((await gated)?.detections).toHaveLength(2);
    expect(runs).toHaveLength(1);

    expect(
      await detector.detect(await photo(), { confidence: 0.5, proceed: Promise.resolve(false) }),
    ).toBeUndefined();
    await expect(
      detector.detect(await photo(), {
        confidence: 0.5,
        proceed: Promise.reject(new Error('cache read failed')),
      }),
    ).rejects.toThrow('cache read failed');
    await detector.detect(await photo(), { confidence: 0.5 });
    expect(runs).toHaveLength(2);
    // The stopped and the failed detections gave the pooled input back: the next run got the first one's.
    expect(runs[1].images.data).toBe(runs[0].images.data);
  });

  it('refuses bytes that are not an image without waiting for the gate', async () => {
    const { registry, runs } = fakeRegistry({ anchors, classes: 2 });
    const never = new Promise<boolean>(() => {});
    const refused = await detectorWith(registry, { default: 0 })
      .detect(Buffer.from('%PDF-1.7 not a photo'), { confidence: 0.5, proceed: never })
      .catch((e: unknown) => e);
    expect((refused as ImageRejectedException).getStatus()).toBe(415);
    expect(runs).toHaveLength(0);
  });

  it('answers 503 while no version is loaded', async () => {
    const { registry } = fakeRegistry({ anchors, classes: 2, loaded: false });
    const detector = detectorWith(registry, { default: 0 });
    await expect(detector.detect(await photo(), { confidence: 0.5 })).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
    expect(() => detector.modelVersion()).toThrow('The tool detector model is not loaded');
  });

  it('refuses a model whose output is not [1, 4 + classes, anchors] for its names', async () => {
    const { registry } = fakeRegistry({
      names: "{0: 'hammer', 1: 'wrench', 2: 'pliers'}",
      anchors,
      classes: 2,
    });
    await expect(
      detectorWith(registry, { default: 0 }).detect(await photo(), { confidence: 0.5 }),
    ).rejects.toThrow('tool-detector 7.0.0 output is [1, 6, 3], not [1, 4 + 3 classes, anchors]');
  });
});
