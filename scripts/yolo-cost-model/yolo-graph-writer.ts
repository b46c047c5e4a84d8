import { intAttribute, intsAttribute, stringAttribute, type SeededRandom } from '@app/inference';
import type { GraphBuilder } from '../build-tool-detector/graph-builder';

/**
 * Writes the layers of an Ultralytics YOLOv8 ONNX export into a GraphBuilder: Conv with its batch norm fused
 * into weights and bias, SiLU as Sigmoid + Mul, and the few shape operators around them. Weights are He-scaled
 * normal draws from `random` (biases uniform in +-0.1): activations neither blow up nor sink to denormals (RMS
 * 0.04-0.3 after every SiLU on a random image), so the network costs what a trained one costs. `parameters`
 * counts every weight and bias written.
 */
export class YoloGraphWriter {
  parameters = 0;

  constructor(
    readonly g: GraphBuilder,
    private readonly random: SeededRandom,
  ) {}

  /** Ultralytics `Conv`: Conv2d (padding k/2, bias from the fused batch norm) then SiLU. */
  conv(input: string, c1: number, c2: number, k: number, s: number, name: string): string {
    return this.silu(this.conv2d(input, c1, c2, k, s, name), name);
  }

  /** A bare `nn.Conv2d` with bias (the Detect head's last layers). */
  conv2d(input: string, c1: number, c2: number, k: number, s: number, name: string): string {
    const fanIn = c1 * k * k;
    const std = Math.sqrt(2 / fanIn);
    const weights = Float32Array.from({ length: c2 * fanIn }, () => this.random.normal(0, std));
    const bias = Float32Array.from({ length: c2 }, () => this.random.uniform(-0.1, 0.1));
    this.parameters += weights.length + bias.length;
    const pad = Math.floor(k / 2);
    return this.g.op(
      'Conv',
      [
        input,
        this.g.floats(`${name}.weight`, weights, [c2, c1, k, k]),
        this.g.floats(`${name}.bias`, bias, [c2]),
      ],
      `${name}/Conv`,
      [
        intsAttribute('kernel_shape', [k, k]),
        intsAttribute('strides', [s, s]),
        intsAttribute('pads', [pad, pad, pad, pad]),
        intsAttribute('dilations', [1, 1]),
        intAttribute('group', 1),
      ],
    );
  }

  /** A 1x1 convolution with fixed weights (not drawn; still counted, as Ultralytics counts the DFL's). */
  fixedConv1x1(input: string, weights: readonly number[], c1: number, name: string): string {
    this.parameters += weights.length;
    const w = this.g.floats(`${name}.weight`, weights, [weights.length / c1, c1, 1, 1]);
    return this.g.op('Conv', [input, w], `${name}/Conv`, [intsAttribute('kernel_shape', [1, 1])]);
  }

  silu(input: string, name: string): string {
    return this.g.op(
      'Mul',
      [input, this.g.op('Sigmoid', [input], `${name}/Sigmoid`)],
      `${name}/Mul`,
    );
  }

  concat(inputs: readonly string[], axis: number, name: string): string {
    return this.g.op('Concat', inputs, name, [intAttribute('axis', axis)]);
  }

  /** `chunk`/`split` along `axis` into parts of the given sizes. */
  split(input: string, sizes: readonly number[], axis: number, name: string): string[] {
    return this.g.ops(
      'Split',
      [input, this.g.int64s(`${name}.split`, sizes)],
      sizes.map((_, i) => `${name}_${i}`),
      [intAttribute('axis', axis)],
    );
  }

  reshape(input: string, shape: readonly number[], name: string): string {
    return this.g.op('Reshape', [input, this.g.int64s(`${name}.shape`, shape)], name);
  }

  /** `nn.MaxPool2d(k, stride=1, padding=k // 2)`: same size out. */
  maxPool(input: string, k: number, name: string): string {
    const pad = Math.floor(k / 2);
    return this.g.op('MaxPool', [input], name, [
      intsAttribute('kernel_shape', [k, k]),
      intsAttribute('strides', [1, 1]),
      intsAttribute('pads', [pad, pad, pad, pad]),
    ]);
  }

  /** `nn.Upsample(scale_factor=2, mode='nearest')` as PyTorch exports it: Resize with scales. */
  upsample2x(input: string, name: string): string {
    return this.g.op(
      'Resize',
      [input, '', this.g.floats(`${name}.scales`, [1, 1, 2, 2], [4])],
      name,
      [
        stringAttribute('coordinate_transformation_mode', 'asymmetric'),
        stringAttribute('mode', 'nearest'),
        stringAttribute('nearest_mode', 'floor'),
      ],
    );
  }
}
