import { classWiseNms, decodeYoloOutput, readOnnxMetadata } from '@app/inference';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGlyphDetectorGraph } from './detector-graph';
import { COLOUR_TOLERANCE, HEADS, INPUT_SIZE, MIN_PIXELS } from './settings';

const RED = [220, 30, 40] as const;
const BLUE = [30, 80, 220] as const;

/** A 640 x 640 grey input with solid rectangles [x1, y1, x2, y2) of the given colours. */
function input(rects: Array<{ colour: readonly number[]; box: [number, number, number, number] }>) {
  const plane = INPUT_SIZE * INPUT_SIZE;
  const data = new Float32Array(3 * plane).fill(0.5);
  for (const { colour, box } of rects) {
    for (let y = box[1]; y < box[3]; y++)
      for (let x = box[0]; x < box[2]; x++)
        for (let c = 0; c < 3; c++) data[c * plane + y * INPUT_SIZE + x] = colour[c] / 255;
  }
  return new Tensor('float32', data, [1, 3, INPUT_SIZE, INPUT_SIZE]);
}

describe('glyph detector graph', () => {
  let session: InferenceSession;
  const bytes = buildGlyphDetectorGraph(
    {
      inputSize: INPUT_SIZE,
      classes: [
        { name: 'red', colour: RED, expectedFill: 1 },
        { name: 'blue', colour: BLUE, expectedFill: 1 },
      ],
      colourTolerance: COLOUR_TOLERANCE,
      heads: HEADS,
      minPixels: MIN_PIXELS,
    },
    { metadata: { names: "{0: 'red', 1: 'blue'}" } },
  );
  const detect = async (tensor: Tensor) => {
    const { output0 } = await session.run({ images: tensor });
    const candidates = decodeYoloOutput(
      { data: output0.data as Float32Array, dims: output0.dims },
      { thresholds: 0.5 },
    );
    return classWiseNms(candidates).map((i) => candidates[i]);
  };

  beforeAll(async () => {
    session = await InferenceSession.create(bytes);
  });

  it('has the YOLOv8 signature', () => {
    const metadata = readOnnxMetadata(bytes);
    expect(metadata.inputs[0].shape).toEqual([1, 3, 640, 640]);
    expect(metadata.outputs[0].shape).toEqual([1, 6, 40 * 40 + 20 * 20 + 10 * 10]);
  });

  it('finds each solid rectangle once, with its exact pixel box and its class', async () => {
    const found = await detect(
      input([
        { colour: RED, box: [100, 200, 180, 260] }, // small: the stride-16 head
        { colour: BLUE, box: [300, 50, 521, 301] }, // large: stride 32 or 64
        { colour: RED, box: [400, 500, 430, 620] }, // same class, far from the first
      ]),
    );
    const boxes = found
      .map((c) => ({ classIndex: c.classIndex, box: [c.box.x1, c.box.y1, c.box.x2, c.box.y2] }))
      .sort((a, b) => a.box[0] - b.box[0]);
    expect(boxes).toEqual([
      { classIndex: 0, box: [100, 200, 180, 260] },
      { classIndex: 1, box: [300, 50, 521, 301] },
      { classIndex: 0, box: [400, 500, 430, 620] },
    ]);
    expect(Math.min(...found.map((c) => c.score))).toBeGreaterThan(0.85);
  });

  it('reports nothing on a plain tray, nor for specks below the pixel minimum', async () => {
    expect(await detect(input([]))).toEqual([]);
    expect(await detect(input([{ colour: BLUE, box: [200, 200, 204, 204] }]))).toEqual([]);
  });
});
