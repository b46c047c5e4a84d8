import { Tensor, type TensorSignature } from '@app/inference';
import type { FeatureSpec, FeatureValue } from './feature-spec';

/**
 * ONNX feeds for rows of feature values (in `features` order). A model with one input per feature gets a
 * [rows, 1] tensor per column (strings for categorical features, whose encoding is part of the model); otherwise
 * each float input gets the numeric features and each string input the categorical ones, as [rows, n] matrices.
 */
export function priceFeeds(
  inputs: readonly TensorSignature[],
  features: readonly FeatureSpec[],
  rows: readonly FeatureValue[][],
): Record<string, Tensor> {
  const index = new Map(features.map((feature, i) => [feature.name, i]));
  if (inputs.every((input) => index.has(input.name))) {
    return Object.fromEntries(
      inputs.map((input) => {
        const column = rows.map((row) => row[index.get(input.name) as number]);
        return [input.name, columnTensor(input, column)];
      }),
    );
  }
  // Grouped inputs: each numeric input takes the numeric features, each string input the categorical ones.
  const feeds: Record<string, Tensor> = {};
  for (const input of inputs) {
    const kind = input.elementType === 'string' ? 'categorical' : 'numeric';
    const positions = features.flatMap((feature, i) => (feature.kind === kind ? [i] : []));
    feeds[input.name] = matrixTensor(input, rows, positions);
  }
  return feeds;
}

function matrixTensor(
  input: TensorSignature,
  rows: readonly FeatureValue[][],
  positions: number[],
): Tensor {
  const dims = [rows.length, positions.length];
  const cells = rows.flatMap((row) => positions.map((p) => row[p]));
  if (input.elementType === 'string') return new Tensor('string', cells.map(String), dims);
  if (input.elementType === 'float64')
    return new Tensor('float64', Float64Array.from(cells, Number), dims);
  return new Tensor('float32', Float32Array.from(cells, Number), dims);
}

function columnTensor(input: TensorSignature, column: FeatureValue[]): Tensor {
  const dims = [column.length, 1];
  switch (input.elementType) {
    case 'string':
      return new Tensor('string', column.map(String), dims);
    case 'float64':
      return new Tensor('float64', Float64Array.from(column, Number), dims);
    case 'int64':
      return new Tensor(
        'int64',
        BigInt64Array.from(column, (v) => BigInt(Math.round(Number(v)))),
        dims,
      );
    default:
      return new Tensor('float32', Float32Array.from(column, Number), dims);
  }
}

/** The prices of a run's first output, as numbers. */
export function pricesOf(output: Tensor, rows: number): number[] {
  const data = output.data as ArrayLike<number>;
  if (data.length !== rows)
    throw new Error(`model returned ${data.length} values for ${rows} rows`);
  return Array.from(data, (v) => Number(v));
}
