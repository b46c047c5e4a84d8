import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { layoutToolkit, renderToolkitPhoto } from '../../src/tools/demo';
import { STANDARD_TOOLS } from '../../src/tools/seed/standard-toolkit';

/**
 * Writes the sample photos of seeds/tools/ with the synthetic photo generator (same seed, same bytes):
 * the standard toolkit complete, and the same toolkit without its hammer and tape measure.
 * Run: `npm run build && node dist/scripts/render-toolkit-samples/main.js`.
 */
async function main(): Promise<void> {
  const out = resolve(__dirname, '../../../seeds/tools');
  const all = STANDARD_TOOLS.map((tool) => tool.detectorClass as string);
  const samples = [
    { file: 'toolkit-complete.jpg', classes: all, seed: 101 },
    {
      file: 'toolkit-missing-hammer-tape.jpg',
      classes: all.filter((c) => c !== 'hammer' && c !== 'tape_measure'),
      seed: 102,
    },
  ];
  for (const sample of samples) {
    const size = { width: 800, height: 600 };
    const photo = await renderToolkitPhoto({
      ...size,
      seed: sample.seed,
      quality: 80,
      tools: layoutToolkit({ ...size, classes: sample.classes, seed: sample.seed }),
    });
    writeFileSync(join(out, sample.file), photo.image);
    console.log(`${sample.file}: ${photo.image.length} bytes, ${photo.truth.length} tools`);
  }
}

void main();
