import { onnx } from 'onnx-proto';

/** ONNX IR version written by this library (ONNX 1.10+, read by onnxruntime 1.30). */
export const ONNX_IR_VERSION = 8;
/** Opset of the default (`ai.onnx`) domain. */
export const ONNX_DEFAULT_OPSET = 17;
export const ONNX_ML_DOMAIN = 'ai.onnx.ml';
/** Opset of the `ai.onnx.ml` domain (TreeEnsembleRegressor v3). */
export const ONNX_ML_OPSET = 3;
export const DEFAULT_PRODUCER_NAME = 'ml-platform';

const { AttributeType } = onnx.AttributeProto;
const { DataType } = onnx.TensorProto;

/** A dimension of a graph input/output: a fixed size or a symbolic (dynamic) name. */
export type GraphDim = number | string;

/** Descriptive fields of a written model. Everything here lands in the ModelProto. */
export interface OnnxModelInfo {
  producerName?: string;
  producerVersion?: string;
  /** Integer model version stored in `model_version` (the registry uses its own string versions). */
  modelVersion?: number;
  docString?: string;
  /** Free-form `metadata_props` (model name, version, feature names, class names, data hash...). */
  metadata?: Readonly<Record<string, string>>;
}

/** A graph ready to be wrapped in a model. */
export interface OnnxGraphSpec {
  name: string;
  nodes: onnx.INodeProto[];
  inputs: onnx.IValueInfoProto[];
  outputs: onnx.IValueInfoProto[];
  initializers: onnx.ITensorProto[];
}

export function intAttribute(name: string, value: number): onnx.IAttributeProto {
  return { name, type: AttributeType.INT, i: value };
}

export function floatAttribute(name: string, value: number): onnx.IAttributeProto {
  return { name, type: AttributeType.FLOAT, f: value };
}

export function stringAttribute(name: string, value: string): onnx.IAttributeProto {
  return { name, type: AttributeType.STRING, s: Buffer.from(value, 'utf8') };
}

export function intsAttribute(name: string, values: readonly number[]): onnx.IAttributeProto {
  return { name, type: AttributeType.INTS, ints: [...values] };
}

export function floatsAttribute(name: string, values: readonly number[]): onnx.IAttributeProto {
  return { name, type: AttributeType.FLOATS, floats: [...values] };
}

export function stringsAttribute(name: string, values: readonly string[]): onnx.IAttributeProto {
  return {
    name,
    type: AttributeType.STRINGS,
    strings: values.map((value) => Buffer.from(value, 'utf8')),
  };
}

export function graphNode(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  options: { name?: string; domain?: string; attributes?: onnx.IAttributeProto[] } = {},
): onnx.INodeProto {
  return {
    opType,
    input: [...inputs],
    output: [...outputs],
    name: options.name ?? outputs[0],
    domain: options.domain ?? '',
    attribute: options.attributes ?? [],
  };
}

/** A float32 initializer stored as little-endian raw bytes (compact and exact). */
export function float32Initializer(
  name: string,
  values: ArrayLike<number>,
  dims: readonly number[],
): onnx.ITensorProto {
  const expected = dims.reduce((product, dim) => product * dim, 1);
  if (values.length !== expected) {
    throw new Error(`Initializer ${name}: ${values.length} values for shape [${dims.join(', ')}]`);
  }
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return { name, dataType: DataType.FLOAT, dims: [...dims], rawData: raw };
}

export function int64Initializer(name: string, values: readonly number[]): onnx.ITensorProto {
  return { name, dataType: DataType.INT64, dims: [values.length], int64Data: [...values] };
}

export function float32ValueInfo(name: string, dims: readonly GraphDim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DataType.FLOAT,
        shape: {
          dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })),
        },
      },
    },
  };
}

/** A string tensor input/output (e.g. raw categorical columns). */
export function stringValueInfo(name: string, dims: readonly GraphDim[]): onnx.IValueInfoProto {
  const info = float32ValueInfo(name, dims);
  return { ...info, type: { tensorType: { ...info.type?.tensorType, elemType: DataType.STRING } } };
}

/** A 0-d int64 initializer (e.g. the index of a Gather that drops the axis). */
export function int64ScalarInitializer(name: string, value: number): onnx.ITensorProto {
  return { name, dataType: DataType.INT64, dims: [], int64Data: [value] };
}

/**
 * Wraps a graph in a ModelProto and encodes it. Opset imports are derived from the node domains.
 * The encoding is deterministic: metadata keys are written in sorted order and nothing
 * time- or environment-dependent is recorded, so the same input gives byte-identical output.
 */
export function encodeOnnxModel(graph: OnnxGraphSpec, info: OnnxModelInfo = {}): Uint8Array {
  const opsetImport: onnx.IOperatorSetIdProto[] = [{ domain: '', version: ONNX_DEFAULT_OPSET }];
  if (graph.nodes.some((node) => node.domain === ONNX_ML_DOMAIN)) {
    opsetImport.push({ domain: ONNX_ML_DOMAIN, version: ONNX_ML_OPSET });
  }
  const metadata = info.metadata ?? {};
  const model: onnx.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    opsetImport,
    producerName: info.producerName ?? DEFAULT_PRODUCER_NAME,
    producerVersion: info.producerVersion ?? '',
    modelVersion: info.modelVersion ?? 0,
    docString: info.docString ?? '',
    metadataProps: Object.keys(metadata)
      .sort()
      .map((key) => ({ key, value: metadata[key] })),
    graph: {
      name: graph.name,
      node: graph.nodes,
      input: graph.inputs,
      output: graph.outputs,
      initializer: graph.initializers,
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish();
}
