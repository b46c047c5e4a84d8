import { onnx } from 'onnx-proto';

/**
 * A graph input or output. `elementType` uses ONNX Runtime's names (`float32`, `int64`...),
 * null for non-tensor values (sequences, maps). A dynamic dimension is a string: its symbolic
 * name, or '' when the model leaves it unnamed.
 */
export interface TensorSignature {
  name: string;
  elementType: string | null;
  shape: readonly (number | string)[];
}

export interface OpsetImport {
  domain: string;
  version: number;
}

/** What an ONNX file says about itself, read from its protobuf without running it. */
export interface OnnxModelMetadata {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  graphName: string;
  opsetImports: OpsetImport[];
  inputs: TensorSignature[];
  outputs: TensorSignature[];
  metadataProps: Record<string, string>;
}

const ELEMENT_TYPES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};

/** protobufjs decodes int64 fields to Long objects when the `long` package is present. */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number(value ?? 0);
}

function signature(info: onnx.IValueInfoProto): TensorSignature {
  const tensor = info.type?.tensorType;
  if (!tensor) return { name: info.name ?? '', elementType: null, shape: [] };
  const shape = (tensor.shape?.dim ?? []).map((dim): number | string => {
    const which = (dim as onnx.TensorShapeProto.Dimension).value;
    if (which === 'dimValue') return toNumber(dim.dimValue);
    return dim.dimParam ?? '';
  });
  return {
    name: info.name ?? '',
    elementType: ELEMENT_TYPES[tensor.elemType ?? 0] ?? 'unknown',
    shape,
  };
}

/**
 * Decodes ONNX bytes and returns the model's descriptive fields, its metadata_props and its
 * graph signature. Graph inputs that are initializers (older exporters list them) are left out.
 */
export function readOnnxMetadata(bytes: Uint8Array): OnnxModelMetadata {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  const initializerNames = new Set((graph?.initializer ?? []).map((tensor) => tensor.name));
  const metadataProps: Record<string, string> = Object.fromEntries(
    model.metadataProps.map((entry) => [entry.key ?? '', entry.value ?? '']),
  );
  return {
    irVersion: toNumber(model.irVersion),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    domain: model.domain,
    modelVersion: toNumber(model.modelVersion),
    docString: model.docString,
    graphName: graph?.name ?? '',
    opsetImports: model.opsetImport.map((opset) => ({
      domain: opset.domain ?? '',
      version: toNumber(opset.version),
    })),
    inputs: (graph?.input ?? [])
      .filter((input) => !initializerNames.has(input.name))
      .map(signature),
    outputs: (graph?.output ?? []).map(signature),
    metadataProps,
  };
}
