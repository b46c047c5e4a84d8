import {
  DEFAULT_IMAGE_LIMITS,
  decodeLetterboxed,
  detectionsFromYoloOutput,
  parseYoloClassNames,
  readOnnxMetadata,
} from '@app/inference';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutToolkit, renderToolkitPhoto, TOOL_CLASS_NAMES } from '../../src/tools/demo';
import { encodeToolDetector } from '../build-tool-detector/pipeline';
import { buildYoloCostModel, type StandInBuild } from './pipeline';
import { STAND_IN_DESCRIPTION } from './settings';

const DEMO_ANCHORS = 2100;
const YOLO_ANCHORS = 8400;

/** A toolkit photo with all eleven tools, letterboxed to 640 x 640 as the app does. */
async function toolkitInput(seed: number) {
  const [width, height] = [640, 480];
  const tools = layoutToolkit({ width, height, classes: [...TOOL_CLASS_NAMES], seed });
  const { image } = await renderToolkitPhoto({ width, height, tools, seed });
  const { letterboxed } = await decodeLetterboxed(
    image,
    { width: 640, height: 640 },
    DEFAULT_IMAGE_LIMITS,
  );
  return letterboxed;
}

describe('YOLOv8n-cost stand-in of the tool detector', () => {
  const dirs = [
    mkdtempSync(join(tmpdir(), 'yolo-cost-')),
    mkdtempSync(join(tmpdir(), 'yolo-cost-')),
  ];
  let built: StandInBuild;
  let demoBytes: Uint8Array;
  let standIn: InferenceSession;
  let demo: InferenceSession;

  beforeAll(async () => {
    built = await buildYoloCostModel(dirs[0]);
    demoBytes = (await encodeToolDetector()).bytes;
    standIn = await InferenceSession.create(built.bytes);
    demo = await InferenceSession.create(demoBytes);
  }, 60_000);
  afterAll(async () => {
    await standIn?.release();
    await demo?.release();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("gives the demo detector's output0 on a toolkit photo, then zero anchors: the same detections", async () => {
    const input = await toolkitInput(3);
    const feeds = { images: new Tensor('float32', input.data, [...input.dims]) };
    const [{ output0: ours }, { output0: theirs }] = [
      await standIn.run(feeds),
      await demo.run(feeds),
    ];
    expect(theirs.dims).toEqual([1, 15, DEMO_ANCHORS]);
    expect(ours.dims).toEqual([1, 15, YOLO_ANCHORS]);
    const [a, b] = [ours.data as Float32Array, theirs.data as Float32Array];
    for (let row = 0; row < 15; row++) {
      const start = row * YOLO_ANCHORS;
      expect(a.subarray(start, start + DEMO_ANCHORS)).toEqual(
        b.subarray(row * DEMO_ANCHORS, (row + 1) * DEMO_ANCHORS),
      );
      expect(a.subarray(start + DEMO_ANCHORS, start + YOLO_ANCHORS).every((v) => v === 0)).toBe(
        true,
      );
    }
    const detect = (output: Tensor) =>
      detectionsFromYoloOutput(output.data as Float32Array, output.dims, input.letterbox, {
        confidence: 0.5,
        classNames: TOOL_CLASS_NAMES,
      });
    const found = detect(ours);
    expect(found.map((d) => d.className).sort()).toEqual([...TOOL_CLASS_NAMES].sort());
    expect(found).toEqual(detect(theirs));
  });

  it("keeps the detector's signature and metadata, and says what it is", () => {
    const ours = readOnnxMetadata(built.bytes);
    const theirs = readOnnxMetadata(demoBytes);
    expect(ours.inputs).toEqual(theirs.inputs);
    expect(ours.outputs).toEqual([
      { name: 'output0', elementType: 'float32', shape: [1, 15, YOLO_ANCHORS] },
    ]);
    expect(ours.metadataProps).toEqual({
      ...theirs.metadataProps,
      description: STAND_IN_DESCRIPTION,
    });
    expect(parseYoloClassNames(ours.metadataProps.names)).toEqual([...TOOL_CLASS_NAMES]);
  });

  it("holds the detector's graph and a YOLOv8n-sized branch", () => {
    expect(built.yoloParameters).toBe(3_007_793);
    expect(built.demoAnchors).toBe(DEMO_ANCHORS);
    expect(built.bytes.length).toBeGreaterThan(4 * built.yoloParameters);
  });

  it('writes the same bytes twice', async () => {
    await buildYoloCostModel(dirs[1]);
    expect(readFileSync(join(dirs[1], '1.0.0.onnx')).equals(readFileSync(built.onnxPath))).toBe(
      true,
    );
  }, 60_000);
});
