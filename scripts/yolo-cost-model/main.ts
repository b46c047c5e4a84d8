import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { buildYoloCostModel } from './pipeline';

/**
 * Builds the YOLOv8n-cost stand-in of the tool detector (the shipped glyph detector plus a YOLOv8n-sized network
 * whose output is multiplied by zero) and writes `<output-dir>/1.0.0.onnx`, for benchmarks only: it detects
 * what the shipped detector detects at the cost of a YOLOv8n export. Deterministic.
 * Run: npm run build:yolo-cost-model -- output-dir
 */
async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error('usage: yolo-cost-model <output-dir>');
  const built = await buildYoloCostModel(resolve(process.cwd(), target));
  const sha256 = createHash('sha256').update(built.bytes).digest('hex');
  process.stdout.write(
    `YOLOv8n branch: ${built.yoloParameters.toLocaleString('en-US')} parameters; output0 ` +
      `[${built.outputShape.join(', ')}] (the detector's ${built.demoAnchors} anchors, then zeros)\n` +
      `wrote ${built.onnxPath} (${built.bytes.length} bytes, sha256 ${sha256})\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
