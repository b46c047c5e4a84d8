import { buildLinearRegressorOnnx, Tensor } from '@app/inference';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import * as ort from 'onnxruntime-node';
import { renderPngChart } from '../../common/charts/png-chart';
import type { RealtyAlgorithm, TrainedPriceModel, TrainingData } from './regression-training';

export interface TrainingSettings {
  algorithm: RealtyAlgorithm;
  seed: number;
  params: Record<string, unknown>;
}

/**
 * The training engine behind one port: fits in a worker thread (progress reported as a fraction), checks ONNX
 * Runtime against the TypeScript model on the holdout rows, and draws the run's chart.
 * INTERIM: least squares on numeric features until the engine (realty-trainers) is merged.
 */
@Injectable()
export class RegressionTrainer {
  async train(
    data: TrainingData,
    settings: TrainingSettings,
    onProgress: (fraction: number) => void,
  ): Promise<TrainedPriceModel> {
    const started = Date.now();
    if (data.columns.some((c) => c.kind !== 'numeric'))
      throw new Error('interim trainer: numeric features only');
    const n = data.rows.length;
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) =>
        ((a * 2654435761 + settings.seed) % 1000) - ((b * 2654435761 + settings.seed) % 1000),
    );
    const holdout = order.slice(0, Math.max(1, Math.floor(n * 0.2)));
    const train = order.slice(holdout.length);
    const f = data.columns.length;
    const x = (i: number): number[] => [1, ...data.rows[i].map((v) => Number(v ?? 0))];
    const a = Array.from({ length: f + 1 }, () => new Array<number>(f + 1).fill(0));
    const b = new Array<number>(f + 1).fill(0);
    for (const i of train) {
      const row = x(i);
      for (let p = 0; p <= f; p++) {
        b[p] += row[p] * data.target[i];
        for (let q = 0; q <= f; q++) a[p][q] += row[p] * row[q];
      }
    }
    for (let p = 1; p <= f; p++) a[p][p] += 1e-6 * (a[p][p] + 1);
    const w = solve(a, b);
    onProgress(0.9);
    const model = { intercept: w[0], coefficients: w.slice(1) };
    const predict = (i: number): number => x(i).reduce((s, v, k) => s + v * w[k], 0);
    const actual = holdout.map((i) => data.target[i]);
    const predicted = holdout.map(predict);
    const mean = actual.reduce((s, v) => s + v, 0) / actual.length;
    const sse = actual.reduce((s, v, k) => s + (v - predicted[k]) ** 2, 0);
    const sst = actual.reduce((s, v) => s + (v - mean) ** 2, 0) || 1;
    const mae = actual.reduce((s, v, k) => s + Math.abs(v - predicted[k]), 0) / actual.length;
    const total = model.coefficients.reduce((s, c) => s + Math.abs(c), 0) || 1;
    return {
      onnx: buildLinearRegressorOnnx(model),
      metrics: {
        r2: 1 - sse / sst,
        mae,
        rmse: Math.sqrt(sse / actual.length),
        trainRows: train.length,
        holdoutRows: holdout.length,
      },
      featureImportance: data.columns.map((c, k) => ({
        feature: c.name,
        importance: Math.abs(model.coefficients[k]) / total,
      })),
      holdout: { rowIndices: holdout, actual, predicted },
      params: {},
      dataHash: createHash('sha256')
        .update(JSON.stringify([data.rows, data.target]))
        .digest('hex'),
      durationMs: Date.now() - started,
    };
  }

  /** Rejects when ONNX Runtime's predictions differ from the TypeScript model's beyond float tolerance. */
  async verifyParity(data: TrainingData, model: TrainedPriceModel): Promise<void> {
    const session = await ort.InferenceSession.create(model.onnx);
    const rows = model.holdout.rowIndices.map((i) => data.rows[i].map(Number));
    const input = new Tensor('float32', Float32Array.from(rows.flat()), [
      rows.length,
      data.columns.length,
    ]);
    const out = await session.run({ [session.inputNames[0]]: input });
    const values = out[session.outputNames[0]].data as Float32Array;
    values.forEach((v, k) => {
      const expected = model.holdout.predicted[k];
      if (Math.abs(v - expected) > 1e-3 * Math.max(1, Math.abs(expected)))
        throw new Error(`row ${k}: ONNX ${v} vs ${expected}`);
    });
    await session.release();
  }

  chart(model: TrainedPriceModel, title: string): Buffer {
    return renderPngChart(
      {
        type: 'scatter',
        data: {
          datasets: [
            {
              label: 'predicted vs actual',
              data: model.holdout.actual.map((a, k) => ({ x: a, y: model.holdout.predicted[k] })),
            },
          ],
        },
        options: { plugins: { title: { display: true, text: title } } },
      },
      { width: 800, height: 500 },
    );
  }
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[c][c] === 0) continue;
      const factor = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= factor * m[c][k];
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}
