import { Tensor } from 'onnxruntime-node';
import { TensorSignature } from '../metadata/onnx-metadata';

export type NumericTensorType = Exclude<Tensor.Type, 'string'>;

const ALLOCATORS: Record<NumericTensorType, (size: number) => Tensor.DataType> = {
  float32: (n) => new Float32Array(n),
  float64: (n) => new Float64Array(n),
  float16: (n) => new Uint16Array(n),
  int8: (n) => new Int8Array(n),
  uint8: (n) => new Uint8Array(n),
  int16: (n) => new Int16Array(n),
  uint16: (n) => new Uint16Array(n),
  int32: (n) => new Int32Array(n),
  uint32: (n) => new Uint32Array(n),
  int64: (n) => new BigInt64Array(n),
  uint64: (n) => new BigUint64Array(n),
  bool: (n) => new Uint8Array(n),
  int4: (n) => new Int8Array(n),
  uint4: (n) => new Uint8Array(n),
};

/** A zero-filled typed array of `size` elements for a numeric tensor type. */
export function allocateTensorData(type: NumericTensorType, size: number): Tensor.DataType {
  return ALLOCATORS[type](size);
}

/** A zero-filled tensor for a signature; every dynamic dimension becomes `dynamicDim`. */
export function zeroTensor(signature: TensorSignature, dynamicDim = 1): Tensor {
  const dims = signature.shape.map((dim) => (typeof dim === 'number' ? dim : dynamicDim));
  const size = dims.reduce((product, dim) => product * dim, 1);
  const type = signature.elementType;
  if (type === 'string') return new Tensor('string', new Array<string>(size).fill(''), dims);
  if (type !== null && type in ALLOCATORS) {
    const numeric = type as NumericTensorType;
    return new Tensor(numeric, allocateTensorData(numeric, size), dims);
  }
  throw new Error(`Cannot build a zero input for ${signature.name} (${type ?? 'non-tensor'})`);
}

/** Zero feeds for every input of a model (warm-up and health probes). */
export function zeroFeeds(
  inputs: readonly TensorSignature[],
  dynamicDim = 1,
): Record<string, Tensor> {
  return Object.fromEntries(inputs.map((input) => [input.name, zeroTensor(input, dynamicDim)]));
}
