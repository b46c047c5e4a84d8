import {
  float32Initializer,
  graphNode,
  int64Initializer,
  type OnnxGraphSpec,
} from '@app/inference';
import type { onnx } from 'onnx-proto';

/** Accumulates nodes and initializers with generated, readable names. */
export class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  private readonly used = new Set<string>();

  /** Adds one node with a single output named after `name`; returns the output name. */
  op(
    opType: string,
    inputs: readonly string[],
    name: string,
    attributes: onnx.IAttributeProto[] = [],
  ): string {
    const output = this.unique(name);
    this.nodes.push(graphNode(opType, inputs, [output], { attributes }));
    return output;
  }

  /** Adds one node with several outputs; returns their names. */
  ops(
    opType: string,
    inputs: readonly string[],
    names: readonly string[],
    attributes: onnx.IAttributeProto[] = [],
  ): string[] {
    const outputs = names.map((name) => this.unique(name));
    this.nodes.push(graphNode(opType, inputs, outputs, { name: outputs[0], attributes }));
    return outputs;
  }

  floats(name: string, values: ArrayLike<number>, dims: readonly number[]): string {
    const unique = this.unique(name);
    this.initializers.push(float32Initializer(unique, values, dims));
    return unique;
  }

  scalar(name: string, value: number): string {
    return this.floats(name, [value], []);
  }

  int64s(name: string, values: readonly number[]): string {
    const unique = this.unique(name);
    this.initializers.push(int64Initializer(unique, values));
    return unique;
  }

  spec(
    name: string,
    inputs: onnx.IValueInfoProto[],
    outputs: onnx.IValueInfoProto[],
  ): OnnxGraphSpec {
    return { name, nodes: this.nodes, inputs, outputs, initializers: this.initializers };
  }

  /** Renames the output of the node that produces `from` (to write a graph output directly). */
  rename(from: string, to: string): void {
    for (const node of this.nodes) {
      node.output = (node.output ?? []).map((output) => (output === from ? to : output));
      node.input = (node.input ?? []).map((input) => (input === from ? to : input));
    }
  }

  private unique(name: string): string {
    let candidate = name;
    for (let i = 1; this.used.has(candidate); i++) candidate = `${name}_${i}`;
    this.used.add(candidate);
    return candidate;
  }
}
