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

/**
 * Zero feeds to warm up or probe a model. Dynamic dimensions are 1, except the height and width of an
 * image input `[N, C, H, W]` of a model that states its image size in `imgsz` metadata (`[640, 640]`
 * or `640`), as Ultralytics exports do: a dynamic-shape detector cannot run on a 1 x 1 image.
 */
export function warmUpFeeds(
  inputs: readonly TensorSignature[],
  metadataProps: Readonly<Record<string, string>> = {},
): Record<string, Tensor> {
  const sides = (metadataProps.imgsz ?? '').match(/\d+/g)?.map(Number) ?? [];
  const imageSize = sides.length === 1 ? [sides[0], sides[0]] : sides.length === 2 ? sides : null;
  if (imageSize === null || imageSize.some((side) => side <= 0)) return zeroFeeds(inputs);
  return Object.fromEntries(
    inputs.map((input) => {
      const shape =
        input.shape.length === 4
          ? input.shape.map((dim, axis) =>
              typeof dim === 'string' && axis >= 2 ? imageSize[axis - 2] : dim,
            )
          : input.shape;
      return [input.name, zeroTensor({ ...input, shape })];
    }),
  );
}
