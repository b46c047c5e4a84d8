import { SeededRandom } from '@app/inference';

/** One model input: how the synthetic data set draws it and what it stands for. */
export interface FeatureSpec {
  /** Field name in the API and the CSV. */
  column: 'feature1' | 'feature2' | 'feature3';
  description: string;
  unit: string;
  /** Drawn from Normal(mean, std), clipped to [min, max], rounded to `decimals`. */
  mean: number;
  std: number;
  min: number;
  max: number;
  decimals: number;
}

export const FEATURES: readonly FeatureSpec[] = [
  {
    column: 'feature1',
    description: 'spindle temperature',
    unit: '°C',
    mean: 72,
    std: 9,
    min: 40,
    max: 110,
    decimals: 1,
  },
  {
    column: 'feature2',
    description: 'vibration RMS',
    unit: 'mm/s',
    mean: 3.2,
    std: 1.1,
    min: 0.3,
    max: 9,
    decimals: 2,
  },
  {
    column: 'feature3',
    description: 'torque deviation from nominal',
    unit: '%',
    mean: 0,
    std: 4,
    min: -15,
    max: 15,
    decimals: 2,
  },
];

/** The labelling rule, as documented in the model card (T, V, τ = feature1, feature2, feature3). */
export const LABEL_RULE =
  'z = −2.5 + 0.25·(T − 72) + 2.5·(V − 3.2) + 0.8·(|τ| − 3) + 0.08·(T − 72)·(V − 3.2); ' +
  'P(fail) = 1 / (1 + e^(−z)); label = 1 (fails inspection) with probability P(fail), else 0';

/** Log-odds that a vehicle with these features fails inspection. */
export function failureLogit([temperature, vibration, torque]: readonly number[]): number {
  const heat = temperature - 72;
  const shake = vibration - 3.2;
  return -2.5 + 0.25 * heat + 2.5 * shake + 0.8 * (Math.abs(torque) - 3) + 0.08 * heat * shake;
}

export function failureProbability(features: readonly number[]): number {
  return 1 / (1 + Math.exp(-failureLogit(features)));
}

export interface VehicleDataset {
  /** [feature1, feature2, feature3] per vehicle, already rounded to each feature's resolution. */
  rows: number[][];
  /** 1 = fails inspection, 0 = passes. */
  labels: number[];
}

const drawFeature = (random: SeededRandom, spec: FeatureSpec): number => {
  const value = Math.min(spec.max, Math.max(spec.min, random.normal(spec.mean, spec.std)));
  return Number(value.toFixed(spec.decimals));
};

/** `count` vehicles: features drawn per FEATURES, then the label drawn from failureProbability. */
export function generateDataset(count: number, seed: number): VehicleDataset {
  const random = new SeededRandom(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const row = FEATURES.map((spec) => drawFeature(random, spec));
    rows.push(row);
    labels.push(random.bernoulli(failureProbability(row)) ? 1 : 0);
  }
  return { rows, labels };
}

/** The data set as CSV (header `feature1,feature2,feature3,label`, LF line ends); its SHA-256 goes in the model. */
export function datasetCsv({ rows, labels }: VehicleDataset): string {
  const header = [...FEATURES.map((spec) => spec.column), 'label'].join(',');
  const lines = rows.map(
    (row, i) =>
      `${row.map((value, j) => value.toFixed(FEATURES[j].decimals)).join(',')},${labels[i]}`,
  );
  return `${header}\n${lines.join('\n')}\n`;
}
