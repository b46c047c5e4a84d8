import { intersectionOverUnion, ModelRegistry, type InferenceEvent } from '@app/inference';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildToolDetector } from '../scripts/build-tool-detector/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_CLASS_NAMES } from '../src/tools/demo/tool-glyphs';
import { layoutToolkit } from '../src/tools/demo/toolkit-layout';
import { renderToolkitPhoto, type ToolTruth } from '../src/tools/demo/toolkit-photo';
import { ImageRejectedException } from '../src/tools/detection/image-rejected.exception';
import { ToolClassThresholds } from '../src/tools/detection/tool-class-thresholds';
import {
  TOOL_DETECTOR_MODEL,
  ToolDetector,
  type DetectedObject,
} from '../src/tools/detection/tool-detector';
import { createTestApp, type TestApp } from './support/test-app';

const asBox = ([x1, y1, x2, y2]: readonly number[]) => ({ x1, y1, x2, y2 });

/** Pairs each truth glyph with an unused detection of its class at IoU >= 0.5. */
function unmatched(truth: readonly ToolTruth[], detections: readonly DetectedObject[]) {
  const used = new Set<number>();
  const missed = truth.filter((glyph) => {
    const index = detections.findIndex(
      (d, i) =>
        !used.has(i) &&
        d.className === glyph.className &&
        intersectionOverUnion(asBox(d.box), asBox(glyph.box)) >= 0.5,
    );
    if (index >= 0) used.add(index);
    return index < 0;
  });
  return { missed, extra: detections.filter((_, i) => !used.has(i)) };
}

const counts = (names: readonly string[]): Record<string, number> =>
  names.reduce<Record<string, number>>((all, n) => ({ ...all, [n]: (all[n] ?? 0) + 1 }), {});

describe('tool detector on the shipped model (real registry, real app boot)', () => {
  let t: TestApp;
  let detector: ToolDetector;

  beforeAll(async () => {
    // 3 Mpx: a 1920x1080 photo passes, a 2000x2000 one does not.
    t = await createTestApp({ env: { TOOLS_MAX_PIXELS: '3000000' } });
    detector = new ToolDetector(
      t.app.get(ModelRegistry),
      new ToolClassThresholds(t.config),
      t.config,
    );
  });
  afterAll(() => t.close());

  it('serves tool-detector 1.0.0 with the class names of its metadata, ready at boot', async () => {
    expect(detector.modelVersion()).toBe('1.0.0');
    expect(detector.classNames()).toEqual([...TOOL_CLASS_NAMES]);
    // INFERENCE_OWN_THREAD_MODELS's default: its runs do not hold the event loop.
    expect(t.app.get(ModelRegistry).get('tool-detector').ownThread).toBe(true);
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.info.models).toMatchObject({ status: 'up' });
  });

  const layouts = [
    { width: 640, height: 480, seed: 11, classes: [...TOOL_CLASS_NAMES] },
    { width: 640, height: 480, seed: 12, classes: ['hammer', 'hammer', 'wrench', 'pliers'] },
    {
      width: 1920,
      height: 1080,
      seed: 13,
      classes: ['tape_measure', 'spirit_level', 'hex_key', 'hex_key', 'flashlight', 'wire_cutter'],
    },
    { width: 1920, height: 1080, seed: 14, classes: [...TOOL_CLASS_NAMES, 'screwdriver'] },
  ];
  it.each(layouts)(
    'finds every tool of a $width x $height JPEG (seed $seed) with IoU >= 0.5 and nothing else',
    async ({ width, height, seed, classes }) => {
      const tools = layoutToolkit({ width, height, classes, seed });
      const { image, truth } = await renderToolkitPhoto({ width, height, tools, seed });
      const outcome = await detector.detect(image, { confidence: 0.5 });

      expect(outcome).toMatchObject({ width, height, modelVersion: '1.0.0' });
      expect(counts(outcome.detections.map((d) => d.className))).toEqual(counts(classes));
      expect(unmatched(truth, outcome.detections)).toEqual({ missed: [], extra: [] });
      for (const d of outcome.detections) {
        expect(d.classIndex).toBe(TOOL_CLASS_NAMES.indexOf(d.className as never));
        expect(d.confidence).toBeGreaterThan(0.5);
      }
    },
  );

  it('applies the request confidence as a floor over the class thresholds', async () => {
    const tools = layoutToolkit({
      width: 640,
      height: 480,
      classes: [...TOOL_CLASS_NAMES],
      seed: 21,
    });
    const { image } = await renderToolkitPhoto({ width: 640, height: 480, tools, seed: 21 });
    const all = (await detector.detect(image, { confidence: 0 })).detections;
    // The thresholds file still applies under a confidence of 0: nothing at or under 0.5 (0.55 for pliers).
    expect(all).toHaveLength(11);
    expect(all.every((d) => d.confidence > (d.className === 'pliers' ? 0.55 : 0.5))).toBe(true);

    const scores = [...new Set(all.map((d) => d.confidence))].sort((a, b) => a - b);
    const middle = Math.floor(scores.length / 2);
    const floor = (scores[middle - 1] + scores[middle]) / 2;
    const kept = (await detector.detect(image, { confidence: floor })).detections;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(all.length);
    expect(kept.map((d) => d.className).sort()).toEqual(
      all
        .filter((d) => d.confidence > floor)
        .map((d) => d.className)
        .sort(),
    );
    expect((await detector.detect(image, { confidence: 1 })).detections).toEqual([]);
  });

  it('refuses a non-image with 415 and an image over TOOLS_MAX_PIXELS with 413', async () => {
    const text = Buffer.from('name,serial\nhammer,H-1\n');
    const notImage = await detector.detect(text, { confidence: 0.5 }).catch((e: unknown) => e);
    expect(notImage).toBeInstanceOf(ImageRejectedException);
    expect((notImage as ImageRejectedException).getStatus()).toBe(415);
    expect((notImage as ImageRejectedException).reason).toBe('not_an_image');

    const huge = await sharp({
      create: { width: 2000, height: 2000, channels: 3, background: { r: 150, g: 150, b: 150 } },
    })
      .jpeg()
      .toBuffer();
    const tooBig = await detector.detect(huge, { confidence: 0.5 }).catch((e: unknown) => e);
    expect(tooBig).toBeInstanceOf(ImageRejectedException);
    expect((tooBig as ImageRejectedException).getStatus()).toBe(413);
    expect((tooBig as ImageRejectedException).reason).toBe('too_many_pixels');
  });

  it('runs through the registry: listeners and latency stats see every detection', async () => {
    const events: InferenceEvent[] = [];
    const registry = t.app.get(ModelRegistry);
    const unsubscribe = registry.onInference((event) => events.push(event));
    const before = registry.list().find((m) => m.name === TOOL_DETECTOR_MODEL)?.versions[0].stats;
    const { image } = await renderToolkitPhoto({
      width: 320,
      height: 240,
      tools: [{ className: 'hammer', x: 160, y: 120, size: 120 }],
      seed: 5,
    });
    const outcome = await detector.detect(image, { confidence: 0.5 });
    unsubscribe();
    expect(outcome.detections.map((d) => d.className)).toEqual(['hammer']);
    expect(events).toEqual([expect.objectContaining({ model: TOOL_DETECTOR_MODEL, ok: true })]);
    const after = registry.list().find((m) => m.name === TOOL_DETECTOR_MODEL)?.versions[0].stats;
    expect(after?.count).toBe((before?.count ?? 0) + 1);
  });

  it('draws the detections on a JPEG of the original size, labels replaced on request', async () => {
    const tools = layoutToolkit({
      width: 640,
      height: 480,
      classes: ['wrench', 'hammer'],
      seed: 31,
    });
    const { image } = await renderToolkitPhoto({ width: 640, height: 480, tools, seed: 31 });
    const { detections } = await detector.detect(image, { confidence: 0.5 });
    const plain = await detector.annotate(image, detections);
    const labelled = await detector.annotate(image, detections, ['Wrench 13 mm', 'Claw hammer']);
    expect(plain.contentType).toBe('image/jpeg');
    expect(await sharp(plain.body).metadata()).toMatchObject({
      format: 'jpeg',
      width: 640,
      height: 480,
    });
    expect(labelled.body.equals(plain.body)).toBe(false);
  });

  it('loads a dynamic-shape export (input size from imgsz metadata) and finds the same tools', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tool-detector-dynamic-'));
    const registry = new ModelRegistry();
    try {
      const { bytes } = await buildToolDetector(dir, { dynamicShapes: true });
      await registry.load(TOOL_DETECTOR_MODEL, '1.0.0-dynamic', bytes);
      expect(registry.get(TOOL_DETECTOR_MODEL).inputs[0].shape).toEqual([
        'batch',
        3,
        'height',
        'width',
      ]);
      const dynamic = new ToolDetector(registry, new ToolClassThresholds(t.config), t.config);
      const tools = layoutToolkit({
        width: 640,
        height: 480,
        classes: ['pliers', 'hammer'],
        seed: 41,
      });
      const { image } = await renderToolkitPhoto({ width: 640, height: 480, tools, seed: 41 });
      const found = await dynamic.detect(image, { confidence: 0.5 });
      expect(found.detections).toEqual(
        (await detector.detect(image, { confidence: 0.5 })).detections,
      );
      expect(found.detections).toHaveLength(2);
    } finally {
      await registry.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
