import { intersectionOverUnion, ModelRegistry, SeededRandom } from '@app/inference';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../../src/config';
import { TOOL_CLASS_NAMES } from '../../src/tools/demo/tool-glyphs';
import { layoutToolkit } from '../../src/tools/demo/toolkit-layout';
import { renderToolkitPhoto } from '../../src/tools/demo/toolkit-photo';
import { ToolClassThresholds } from '../../src/tools/detection/tool-class-thresholds';
import { TOOL_DETECTOR_MODEL, ToolDetector } from '../../src/tools/detection/tool-detector';
import { MODEL_NAME, ONNX_FILE } from './settings';

/**
 * Evaluates the shipped detector through the production pipeline (ToolDetector, thresholds file,
 * confidence 0.5) on generated photos it was not built from: per photo size, 3-12 random tools,
 * precision and recall at IoU >= 0.5, mean IoU of the matches and the lowest true / highest false score.
 * Run: npm run evaluate:tool-detector [-- photos-per-size]
 */
async function main(): Promise<void> {
  const perSize = Number(process.argv[2] ?? 40);
  const modelsDir = resolve(process.cwd(), 'models');
  const config = {
    toolDetector: {
      maxPixels: 40_000_000,
      classThresholdsFile: join(modelsDir, MODEL_NAME, 'thresholds.json'),
      classNames: [],
    },
  } as unknown as AppConfig;
  const registry = new ModelRegistry({ intraOpThreads: 1, interOpThreads: 1 });
  await registry.load(TOOL_DETECTOR_MODEL, '1.0.0', join(modelsDir, MODEL_NAME, ONNX_FILE));
  const detector = new ToolDetector(registry, new ToolClassThresholds(config), config);
  const rows: string[] = [
    '| photo | JPEG q | photos | tools | recall | precision | mean IoU | lowest true score | highest false score |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const settings = [
    [640, 480, 88],
    [1280, 720, 88],
    [1920, 1080, 88],
    [1920, 1080, 60],
    [4032, 3024, 88],
  ] as const;
  for (const [width, height, quality] of settings) {
    let [tools, found, detections] = [0, 0, 0];
    const ious: number[] = [];
    let lowestTrue = 1;
    let highestFalse = 0;
    for (let seed = 1000; seed < 1000 + perSize; seed++) {
      const random = new SeededRandom(seed);
      const classes = Array.from(
        { length: 3 + random.int(10) },
        () => TOOL_CLASS_NAMES[random.int(11)],
      );
      const placements = layoutToolkit({ width, height, classes, seed });
      const photo = await renderToolkitPhoto({ width, height, tools: placements, seed, quality });
      const outcome = await detector.detect(photo.image, { confidence: 0.5 });
      tools += photo.truth.length;
      detections += outcome.detections.length;
      const used = new Set<number>();
      for (const glyph of photo.truth) {
        let best = -1;
        let bestIou = 0;
        outcome.detections.forEach((d, i) => {
          if (used.has(i) || d.className !== glyph.className) return;
          const iou = intersectionOverUnion(box(d.box), box(glyph.box));
          if (iou > bestIou) [best, bestIou] = [i, iou];
        });
        if (best >= 0 && bestIou >= 0.5) {
          used.add(best);
          found++;
          ious.push(bestIou);
          lowestTrue = Math.min(lowestTrue, outcome.detections[best].confidence);
        }
      }
      outcome.detections.forEach((d, i) => {
        if (!used.has(i)) highestFalse = Math.max(highestFalse, d.confidence);
      });
    }
    const meanIou = ious.reduce((sum, v) => sum + v, 0) / Math.max(1, ious.length);
    rows.push(
      `| ${width}×${height} | ${quality} | ${perSize} | ${tools} | ${(found / tools).toFixed(3)} | ` +
        `${(found / Math.max(1, detections)).toFixed(3)} | ${meanIou.toFixed(3)} | ${lowestTrue.toFixed(2)} | ` +
        `${detections > found ? highestFalse.toFixed(2) : '—'} |`,
    );
    process.stdout.write(`${rows[rows.length - 1]}\n`);
  }
  await registry.close();
  process.stdout.write(`\n${rows.join('\n')}\n`);
}

function box([x1, y1, x2, y2]: readonly number[]) {
  return { x1, y1, x2, y2 };
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
