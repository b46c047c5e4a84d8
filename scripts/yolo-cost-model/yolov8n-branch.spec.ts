import { readOnnxMetadata, SeededRandom } from '@app/inference';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaledChannels, scaledRepeats } from './yolov8-architecture';
import { YOLOV8N_SCALE } from './settings';
import { encodeYoloV8nModel, yoloV8nBranch } from './yolov8n-branch';

const SIZE = 640;
const CLASSES = 11;

/** Ultralytics' summary of yolov8n.pt (80 classes) after fusing: "168 layers, 3,151,904 parameters". */
const ULTRALYTICS_YOLOV8N_FUSED_PARAMETERS = 3_151_904;
/**
 * With 11 classes the class branches are max(64, min(nc, 100)) = 64 channels wide instead of 80, as in a YOLOv8n
 * trained on 11 classes.
 */
const YOLOV8N_11_CLASSES_PARAMETERS = 3_007_793;

describe('YOLOv8n scaling (parse_model)', () => {
  it('gives yolov8n its channels and repeats', () => {
    expect([64, 128, 256, 512, 1024].map((c) => scaledChannels(c, YOLOV8N_SCALE))).toEqual([
      16, 32, 64, 128, 256,
    ]);
    expect([1, 3, 6].map((n) => scaledRepeats(n, YOLOV8N_SCALE))).toEqual([1, 1, 2]);
  });
});

describe('YOLOv8n branch', () => {
  let session: InferenceSession;
  const bytes = encodeYoloV8nModel(SIZE, CLASSES);
  const run = async (seed: number) => {
    const random = new SeededRandom(seed);
    const pixels = Float32Array.from({ length: 3 * SIZE * SIZE }, () => random.next());
    const { output0 } = await session.run({
      images: new Tensor('float32', pixels, [1, 3, SIZE, SIZE]),
    });
    return output0;
  };

  beforeAll(async () => {
    session = await InferenceSession.create(bytes);
  }, 30_000);
  afterAll(() => session?.release());

  it('has as many parameters as Ultralytics counts in a fused YOLOv8n', () => {
    expect(yoloV8nBranch(SIZE, 80, '').parameters).toBe(ULTRALYTICS_YOLOV8N_FUSED_PARAMETERS);
    expect(yoloV8nBranch(SIZE, CLASSES, '').parameters).toBe(YOLOV8N_11_CLASSES_PARAMETERS);
  });

  it("has a YOLOv8n export's layers: 64 Conv (DFL's included), SiLU as Sigmoid + Mul", () => {
    const { graph } = yoloV8nBranch(SIZE, CLASSES, '');
    const count = (op: string) => graph.nodes.filter((node) => node.opType === op).length;
    expect(count('Conv')).toBe(64);
    expect(count('Sigmoid')).toBe(57 + 1); // 57 SiLU, the class scores
    expect(count('MaxPool')).toBe(3);
    expect(count('Resize')).toBe(2);
    expect(readOnnxMetadata(bytes).outputs).toEqual([
      { name: 'output0', elementType: 'float32', shape: [1, 4 + CLASSES, 8400] },
    ]);
  });

  it('runs to a finite [1, 15, 8400] output: sizes within reach of the DFL, scores in (0, 1)', async () => {
    const output = await run(1);
    expect(output.dims).toEqual([1, 4 + CLASSES, 8400]);
    const data = output.data as Float32Array;
    expect(data.every(Number.isFinite)).toBe(true);
    const anchors = 8400;
    const widths = data.subarray(2 * anchors, 4 * anchors);
    // DFL: each side is 0..15 cells, so w and h lie in [0, 30] x stride (at most 32).
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...widths)).toBeLessThanOrEqual(30 * 32);
    const scores = data.subarray(4 * anchors);
    expect(Math.min(...scores)).toBeGreaterThan(0);
    expect(Math.max(...scores)).toBeLessThan(1);
  });

  it('depends on its input (the network computes, it is not a constant)', async () => {
    const [a, b] = [await run(1), await run(2)];
    const x = a.data as Float32Array;
    const y = b.data as Float32Array;
    expect(x.some((value, i) => Math.abs(value - y[i]) > 1e-3)).toBe(true);
  });

  it('writes the same bytes twice', () => {
    expect(Buffer.from(encodeYoloV8nModel(SIZE, CLASSES)).equals(Buffer.from(bytes))).toBe(true);
  });
});
