import {
  encodeOnnxModel,
  float32ValueInfo,
  readOnnxMetadata,
  type TensorSignature,
} from '@app/inference';
import { onnx } from 'onnx-proto';
import { STAND_IN_DESCRIPTION } from './settings';
import { yoloV8nBranch } from './yolov8n-branch';

export interface StandIn {
  readonly bytes: Uint8Array;
  /** Parameters of the YOLOv8n branch (the demo detector has no trained ones). */
  readonly yoloParameters: number;
  /** Anchors of the demo detector's output; the stand-in's has the YOLOv8n branch's (more), the rest zero. */
  readonly demoAnchors: number;
  /** Shape of the stand-in's `output0`: [1, 4 + classes, YOLOv8n's anchors]. */
  readonly outputShape: readonly number[];
}

const DEMO_OUTPUT = 'glyph/output0';
const YOLO_PREFIX = 'yolo/';

/**
 * The YOLOv8n-cost stand-in of a YOLOv8-format detector (`demoBytes`, input `images` [1, 3, S, S], output
 * `output0` [1, 4 + C, A]): the same graph plus YOLOv8n on the same input, its output times a zero initializer
 * added to the detector's, padded with zero anchors to YOLOv8n's count. `output0` holds the detector's values in
 * its first A anchors and zeros (score 0: never a detection) after them, while ONNX Runtime runs all of YOLOv8n
 * (a product with zero is not folded away: it depends on the input). Metadata kept, `description` replaced.
 */
export function mergeStandIn(demoBytes: Uint8Array): StandIn {
  const info = readOnnxMetadata(demoBytes);
  const inputSize = staticShape(info.inputs, 'images', 4)[3];
  const [, rows, demoAnchors] = staticShape(info.outputs, 'output0', 3);
  const graph = onnx.ModelProto.decode(demoBytes).graph as onnx.GraphProto;

  const yolo = yoloV8nBranch(inputSize, rows - 4, YOLO_PREFIX);
  const g = yolo.graph;
  if (yolo.anchors < demoAnchors) throw new Error('the detector has more anchors than YOLOv8n');
  const rename = (name: string) => (name === 'output0' ? DEMO_OUTPUT : name);
  for (const node of graph.node) {
    node.name = rename(node.name ?? '');
    node.output = (node.output ?? []).map(rename);
  }
  const extra = yolo.anchors - demoAnchors;
  const padded =
    extra === 0
      ? DEMO_OUTPUT
      : g.op(
          'Pad',
          [DEMO_OUTPUT, g.int64s('glyph/pads', [0, 0, 0, 0, 0, extra])],
          'glyph/output0_padded',
        );
  const zeroed = g.op(
    'Mul',
    [yolo.output, g.scalar(`${YOLO_PREFIX}zero`, 0)],
    `${YOLO_PREFIX}output0_x0`,
  );
  g.op('Add', [padded, zeroed], 'output0');
  const namesOf = (nodes: onnx.INodeProto[], initializers: onnx.ITensorProto[]) => [
    ...nodes.flatMap((node) => [node.name ?? '', ...(node.output ?? [])]),
    ...initializers.map((tensor) => tensor.name ?? ''),
  ];
  const demoNames = new Set(namesOf(graph.node, graph.initializer));
  const clash = namesOf(g.nodes, g.initializers).find((name) => demoNames.has(name));
  if (clash) throw new Error(`the YOLOv8n branch reuses the name ${clash}`);

  const bytes = encodeOnnxModel(
    {
      name: `${graph.name}_yolov8n_cost`,
      nodes: [...graph.node, ...g.nodes],
      inputs: graph.input,
      outputs: [float32ValueInfo('output0', [1, rows, yolo.anchors])],
      initializers: [...graph.initializer, ...g.initializers],
    },
    {
      producerName: 'ml-platform scripts/yolo-cost-model',
      producerVersion: info.producerVersion,
      modelVersion: info.modelVersion,
      docString:
        `Benchmark stand-in, not a trained model. ${info.docString} Beside it, YOLOv8n (Ultralytics ` +
        'yolov8.yaml at scale n, seeded weights) runs on the same input; its output, times zero, is added to ' +
        "the detector's: the detections are the detector's, the cost that of YOLOv8n.",
      metadata: { ...info.metadataProps, description: STAND_IN_DESCRIPTION },
    },
  );
  return {
    bytes,
    yoloParameters: yolo.parameters,
    demoAnchors,
    outputShape: [1, rows, yolo.anchors],
  };
}

/** The static shape of the graph input or output `name`, which must have `rank` dimensions. */
function staticShape(values: readonly TensorSignature[], name: string, rank: number): number[] {
  const shape = values.find((value) => value.name === name)?.shape ?? [];
  if (shape.length !== rank || !shape.every((dim) => typeof dim === 'number' && dim > 0)) {
    throw new Error(`the detector's ${name} has no static shape of rank ${rank}`);
  }
  return shape as number[];
}
