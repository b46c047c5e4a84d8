import { Image, createCanvas } from '@napi-rs/canvas';
import type { FeatureImportance, RegressionMetrics } from '@app/inference';
import { renderPngChart } from '../../common/charts/png-chart';

/** What the training chart shows: the holdout fit and the feature importance of one run. */
export interface TrainingChartInput {
  algorithm: string;
  metrics: Pick<RegressionMetrics, 'r2' | 'mae' | 'rmse'>;
  holdout: { actual: readonly number[]; predicted: readonly number[] };
  featureImportance: readonly FeatureImportance[];
  /** Axis unit of the target, e.g. "price ($1000s)". */
  targetLabel?: string;
}

const WIDTH = 900;
const SCATTER_HEIGHT = 640;
const BAR_HEIGHT_PER_FEATURE = 28;
/** Points drawn in the scatter at most (evenly thinned beyond). */
const MAX_POINTS = 4000;

/** The range widened to multiples of a round step (both axes share it, so y = x is the diagonal). */
export function niceRange(low: number, high: number): [number, number] {
  if (!(high > low)) return [low - 1, high + 1];
  const step = 5 * 10 ** (Math.floor(Math.log10(high - low)) - 1);
  return [Math.floor(low / step) * step, Math.ceil(high / step) * step];
}

function scatterPng(input: TrainingChartInput): Buffer {
  const { actual, predicted } = input.holdout;
  const step = Math.max(1, Math.ceil(actual.length / MAX_POINTS));
  const points: Array<{ x: number; y: number }> = [];
  for (let i = 0; i < actual.length; i += step) points.push({ x: actual[i], y: predicted[i] });
  const [low, high] = niceRange(
    Math.min(...actual, ...predicted),
    Math.max(...actual, ...predicted),
  );
  const label = input.targetLabel ?? 'target';
  const { r2, mae, rmse } = input.metrics;
  return renderPngChart(
    {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: `holdout rows (${actual.length})`,
            data: points,
            pointRadius: 1.5,
            backgroundColor: 'rgba(37, 99, 235, 0.35)',
            borderColor: 'rgba(37, 99, 235, 0.35)',
          },
          {
            type: 'line',
            label: 'predicted = actual',
            data: [
              { x: low, y: low },
              { x: high, y: high },
            ],
            borderColor: '#dc2626',
            borderWidth: 1.5,
            pointRadius: 0,
          },
        ],
      },
      options: {
        plugins: {
          title: {
            display: true,
            text: `${input.algorithm}: predicted vs actual — R² ${r2.toFixed(3)}, MAE ${mae.toFixed(2)}, RMSE ${rmse.toFixed(2)}`,
          },
        },
        scales: {
          x: {
            type: 'linear',
            min: low,
            max: high,
            title: { display: true, text: `actual ${label}` },
          },
          y: {
            type: 'linear',
            min: low,
            max: high,
            title: { display: true, text: `predicted ${label}` },
          },
        },
      },
    },
    { width: WIDTH, height: SCATTER_HEIGHT },
  );
}

function importanceHeight(input: TrainingChartInput): number {
  return 90 + BAR_HEIGHT_PER_FEATURE * Math.max(1, input.featureImportance.length);
}

function importancePng(input: TrainingChartInput): Buffer {
  return renderPngChart(
    {
      type: 'bar',
      data: {
        labels: input.featureImportance.map((f) => f.feature),
        datasets: [
          {
            label: 'share of importance',
            data: input.featureImportance.map((f) => f.importance),
            backgroundColor: '#0d9488',
          },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: {
          legend: { display: false },
          title: {
            display: true,
            text: 'Feature importance (normalised; split gain for trees, |coef|×std for linear)',
          },
        },
        scales: { x: { min: 0, title: { display: true, text: 'share' } } },
      },
    },
    { width: WIDTH, height: importanceHeight(input) },
  );
}

/** One PNG: the predicted-vs-actual scatter (with the y = x line) above the importance bars. */
export function renderTrainingChart(input: TrainingChartInput): Buffer {
  const parts = [scatterPng(input), importancePng(input)];
  const heights = [SCATTER_HEIGHT, importanceHeight(input)];
  const canvas = createCanvas(WIDTH, heights[0] + heights[1]);
  const context = canvas.getContext('2d');
  let top = 0;
  parts.forEach((png, i) => {
    const image = new Image();
    image.src = png;
    context.drawImage(image, 0, top);
    top += heights[i];
  });
  return canvas.toBuffer('image/png');
}
