import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { buildToolDetector } from './pipeline';
import { MODEL_NAME } from './settings';

/**
 * Builds the shipped tool detector and writes `<output-dir>/1.0.0.onnx` (default: models/tool-detector
 * under the current directory). Deterministic: the same commit gives the same bytes.
 * Run: npm run build:tool-detector [-- output-dir]
 */
async function main(): Promise<void> {
  const outputDir = resolve(process.cwd(), process.argv[2] ?? join('models', MODEL_NAME));
  const { onnxPath, bytes, classes } = await buildToolDetector(outputDir);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  process.stdout.write(
    [
      ...classes.map(
        (c) => `${c.name.padEnd(14)} colour ${c.colour.join(',')}  fill ${c.expectedFill}`,
      ),
      `wrote ${onnxPath} (${bytes.length} bytes, sha256 ${sha256})`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
