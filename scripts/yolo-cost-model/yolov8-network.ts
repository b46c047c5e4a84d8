import { detectHead, type DetectLevel } from './detect-head';
import { c2f } from './c2f';
import { sppf } from './sppf';
import {
  scaledChannels,
  scaledRepeats,
  YOLOV8_LAYERS,
  type ModelScale,
} from './yolov8-architecture';
import type { YoloGraphWriter } from './yolo-graph-writer';

export interface YoloNetworkSettings {
  readonly scale: ModelScale;
  /** Square input side, pixels. */
  readonly inputSize: number;
  readonly classes: number;
  readonly regMax: number;
  /** Tensor names start with this, so that the network can join another graph without clashes. */
  readonly prefix: string;
}

/** A layer's output: its tensor, channels and stride relative to the input. */
interface Feature {
  readonly tensor: string;
  readonly channels: number;
  readonly stride: number;
}

/** The network's export output, [1, 4 + classes, anchors]: x, y, w, h in input pixels, then class scores. */
export interface YoloNetworkOutput {
  readonly output: string;
  readonly anchors: number;
}

/** Writes the YOLOv8 detection network (yolov8.yaml at `settings.scale`) on `input` ([1, 3, S, S], RGB 0..1). */
export function writeYoloV8(
  w: YoloGraphWriter,
  input: string,
  settings: YoloNetworkSettings,
): YoloNetworkOutput {
  const { scale, prefix } = settings;
  const features: Feature[] = [];
  let previous: Feature = { tensor: input, channels: 3, stride: 1 };
  for (const [index, layer] of YOLOV8_LAYERS.entries()) {
    const name = `${prefix}model.${index}`;
    const c1 = previous.channels;
    let next: Feature;
    switch (layer.module) {
      case 'Conv': {
        const c2 = scaledChannels(layer.channels, scale);
        const tensor = w.conv(previous.tensor, c1, c2, layer.kernel, layer.stride, `${name}/conv`);
        next = { tensor, channels: c2, stride: previous.stride * layer.stride };
        break;
      }
      case 'C2f': {
        const c2 = scaledChannels(layer.channels, scale);
        const n = scaledRepeats(layer.repeats, scale);
        const tensor = c2f(w, previous.tensor, c1, c2, n, layer.shortcut, name);
        next = { ...previous, tensor, channels: c2 };
        break;
      }
      case 'SPPF': {
        const c2 = scaledChannels(layer.channels, scale);
        next = {
          ...previous,
          tensor: sppf(w, previous.tensor, c1, c2, layer.kernel, name),
          channels: c2,
        };
        break;
      }
      case 'Upsample':
        next = {
          ...previous,
          tensor: w.upsample2x(previous.tensor, `${name}/Resize`),
          stride: previous.stride / 2,
        };
        break;
      case 'Concat': {
        const other = features[layer.with];
        if (other.stride !== previous.stride) throw new Error(`${name}: strides differ`);
        const tensor = w.concat([previous.tensor, other.tensor], 1, `${name}/Concat`);
        next = { ...previous, tensor, channels: c1 + other.channels };
        break;
      }
      case 'Detect': {
        const levels = layer.from.map((from): DetectLevel => ({
          input: features[from].tensor,
          channels: features[from].channels,
          stride: features[from].stride,
          size: settings.inputSize / features[from].stride,
        }));
        const output = detectHead(w, levels, settings.classes, settings.regMax, name);
        return { output, anchors: levels.reduce((sum, level) => sum + level.size ** 2, 0) };
      }
    }
    features.push(next);
    previous = next;
  }
  throw new Error('yolov8.yaml ends without a Detect layer');
}
