import { describe, expect, it } from 'vitest';
import { readOnnxMetadata } from '../metadata/onnx-metadata';
import { LinearModel, evaluateLinear } from '../models/linear-model';
import { maxAbsDiff, runRows } from '../testing/onnx-test-session';
import { SeededRandom } from '../testing/seeded-random';
import { buildLinearRegressorOnnx } from './linear-onnx';

describe('buildLinearRegressorOnnx', () => {
  for (const batch of [1, 500]) {
    it(`matches the TypeScript model (batch ${batch})`, async () => {
      const random = new SeededRandom(batch);
      // Standardised-scale data: outputs stay O(1), where float32 carries the 1e-5 comparison.
      const model: LinearModel = {
        coefficients: random.float32s(12, -1, 1),
        intercept: Math.fround(4.25),
      };
      const rows = random.matrix(batch, 12, -2, 2);

      const actual = await runRows(buildLinearRegressorOnnx(model), rows);

      expect(
        maxAbsDiff(
          actual,
          rows.map((row) => [evaluateLinear(model, row)]),
        ),
      ).toBeLessThan(1e-5);
    });
  }

  it('exposes float32 [batch, features] -> [batch, 1] named "prediction" with only default-domain ops', () => {
    const bytes = buildLinearRegressorOnnx({ coefficients: [1, 2, 3], intercept: 0 });
    const metadata = readOnnxMetadata(bytes);

    expect(metadata.inputs).toEqual([
      { name: 'input', elementType: 'float32', shape: ['batch', 3] },
    ]);
    expect(metadata.outputs).toEqual([
      { name: 'prediction', elementType: 'float32', shape: ['batch', 1] },
    ]);
    expect(metadata.opsetImports).toEqual([{ domain: '', version: 17 }]);
  });

  it('rejects an empty model and rows of the wrong width', () => {
    expect(() => buildLinearRegressorOnnx({ coefficients: [], intercept: 1 })).toThrow(
      /coefficient/,
    );
    expect(() => evaluateLinear({ coefficients: [1, 2], intercept: 0 }, [1])).toThrow(/expects 2/);
  });
});
