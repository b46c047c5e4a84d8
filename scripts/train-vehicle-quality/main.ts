import { join, resolve } from 'node:path';
import { trainVehicleQuality } from './pipeline';
import { MODEL_NAME } from './training-settings';

/**
 * Trains the vehicle-quality model and writes `<output-dir>/1.0.0.onnx` and `<output-dir>/MODEL_CARD.md`
 * (default output dir: models/vehicle-quality under the current directory).
 * Run: npm run train:vehicle-quality [-- output-dir]
 */
async function main(): Promise<void> {
  const outputDir = resolve(process.cwd(), process.argv[2] ?? join('models', MODEL_NAME));
  const { report, onnxPath, cardPath, onnxMaxDiff, trainingMs } =
    await trainVehicleQuality(outputDir);
  const m = report.metrics;
  const f4 = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(4));
  process.stdout.write(
    [
      `data + training + evaluation: ${trainingMs.toFixed(0)} ms`,
      `held-out (${m.count} rows): accuracy ${f4(m.accuracy)}, precision ${f4(m.precision)}, ` +
        `recall ${f4(m.recall)}, F1 ${f4(m.f1)}, AUC ${f4(m.auc)}`,
      `ONNX Runtime vs evaluateMlp: max |diff| ${onnxMaxDiff.toExponential(2)}`,
      `wrote ${onnxPath}`,
      `wrote ${cardPath}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
