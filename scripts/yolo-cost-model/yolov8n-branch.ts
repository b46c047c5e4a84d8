import { encodeOnnxModel, float32ValueInfo, SeededRandom } from '@app/inference';
import { GraphBuilder } from '../build-tool-detector/graph-builder';
import { REG_MAX, WEIGHT_SEED, YOLOV8N_SCALE } from './settings';
import { writeYoloV8 } from './yolov8-network';
import { YoloGraphWriter } from './yolo-graph-writer';

/** YOLOv8n written into a fresh GraphBuilder, reading the graph input `images`. */
export interface YoloV8nBranch {
  readonly graph: GraphBuilder;
  /** Its [1, 4 + classes, anchors] output. */
  readonly output: string;
  readonly anchors: number;
  /** Weights and biases, counted as Ultralytics counts a fused model (the DFL's 16 fixed weights included). */
  readonly parameters: number;
}

/** YOLOv8n (seeded weights) on a [1, 3, inputSize, inputSize] input called `images`. */
export function yoloV8nBranch(inputSize: number, classes: number, prefix: string): YoloV8nBranch {
  const graph = new GraphBuilder();
  const writer = new YoloGraphWriter(graph, new SeededRandom(WEIGHT_SEED));
  const { output, anchors } = writeYoloV8(writer, 'images', {
    scale: YOLOV8N_SCALE,
    inputSize,
    classes,
    regMax: REG_MAX,
    prefix,
  });
  return { graph, output, anchors, parameters: writer.parameters };
}

/** The branch alone as a model: input `images`, output `output0` (to test and time it on its own). */
export function encodeYoloV8nModel(inputSize: number, classes: number): Uint8Array {
  const branch = yoloV8nBranch(inputSize, classes, '');
  branch.graph.rename(branch.output, 'output0');
  return encodeOnnxModel(
    branch.graph.spec(
      'yolov8n',
      [float32ValueInfo('images', [1, 3, inputSize, inputSize])],
      [float32ValueInfo('output0', [1, 4 + classes, branch.anchors])],
    ),
    { producerName: 'ml-platform scripts/yolo-cost-model' },
  );
}
