import { evaluateMlp, readOnnxMetadata } from '@app/inference';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineResult, MODEL_CARD_FILE, ONNX_FILE, trainVehicleQuality } from './pipeline';

const committedDir = resolve(__dirname, '../../models/vehicle-quality');

describe('train-vehicle-quality', () => {
  let outputDir: string;
  let result: PipelineResult;

  beforeAll(async () => {
    outputDir = mkdtempSync(join(tmpdir(), 'vehicle-quality-'));
    result = await trainVehicleQuality(outputDir);
  }, 30_000);

  afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

  it('reproduces the committed ONNX file byte for byte', () => {
    const fresh = readFileSync(join(outputDir, ONNX_FILE));
    const committed = readFileSync(join(committedDir, ONNX_FILE));
    expect(fresh.equals(committed)).toBe(true);
  });

  it('reproduces the committed model card byte for byte', () => {
    expect(readFileSync(join(outputDir, MODEL_CARD_FILE), 'utf8')).toBe(
      readFileSync(join(committedDir, MODEL_CARD_FILE), 'utf8'),
    );
  });

  it('writes a card that passes prettier --check as generated', async () => {
    const cardPath = join(committedDir, MODEL_CARD_FILE);
    const options = await prettier.resolveConfig(cardPath);
    const card = readFileSync(join(outputDir, MODEL_CARD_FILE), 'utf8');
    expect(await prettier.check(card, { ...options, filepath: cardPath })).toBe(true);
  });

  it('reaches a held-out accuracy inside the range the card documents', () => {
    const card = readFileSync(join(committedDir, MODEL_CARD_FILE), 'utf8');
    const range = /Accepted held-out accuracy range: ([\d.]+)–([\d.]+)/.exec(card);
    expect(range).not.toBeNull();
    const accuracy = result.report.metrics.accuracy ?? 0;
    expect(accuracy).toBeGreaterThanOrEqual(Number(range?.[1]));
    expect(accuracy).toBeLessThanOrEqual(Number(range?.[2]));
    expect(card).toMatch(new RegExp(`\\| accuracy +\\| ${accuracy.toFixed(4)} +\\|`));
  });

  it('ships a model that takes raw features and describes itself in its metadata', () => {
    const bytes = readFileSync(join(committedDir, ONNX_FILE));
    const metadata = readOnnxMetadata(bytes);
    expect(metadata.inputs).toEqual([
      { name: 'features', elementType: 'float32', shape: ['batch', 3] },
    ]);
    expect(metadata.outputs).toEqual([
      { name: 'probability', elementType: 'float32', shape: ['batch', 1] },
    ]);
    expect(metadata.metadataProps).toMatchObject({
      model_name: 'vehicle-quality',
      version: '1.0.0',
      feature_names: 'feature1,feature2,feature3',
      feature_units: '°C,mm/s,%',
      threshold: '0.5',
      training_data_sha256: result.report.csvSha256,
    });
    expect(result.onnxMaxDiff).toBeLessThan(1e-5);
    // A hot spindle with strong vibration and a large torque deviation is far more likely to fail.
    const [good] = evaluateMlp(result.report.model, [65, 2.5, 0.5]);
    const [bad] = evaluateMlp(result.report.model, [95, 6, 9]);
    expect(good).toBeLessThan(0.1);
    expect(bad).toBeGreaterThan(0.9);
  });
});
