// In-server part of the detections benchmark: DetectionsService.detectOne called in process on an app booted from
// the production build against the benchmark's database, Redis and models folder (the env it is given), with an upload as the multipart interceptor
// leaves it (bytes in memory, SHA-256 known). A miss (a confidence not asked for before) against a hit (the same
// again): what the cache saves once HTTP and the upload are taken away.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const dist = (path) => require(join(root, 'dist', path));

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

export async function benchmarkService(env, photos) {
  const { MikroORM, RequestContext } = require('@mikro-orm/core');
  const { AppConfig, validateEnvironment } = dist('src/config');
  const { createApp } = dist('src/bootstrap/create-app.js');
  const { DetectionsService } = dist('src/tools/detections.service.js');
  const config = new AppConfig(
    validateEnvironment({ ...env, DB_MIGRATE_ON_START: 'false' }),
    'api',
  );
  const app = await createApp(config);
  await app.init();
  const detections = app.get(DetectionsService);
  const em = app.get(MikroORM).em;
  const detect = async (image, confidence) => {
    const file = {
      originalname: 'kit.jpg',
      size: image.length,
      sha256: createHash('sha256').update(image).digest('hex'),
      buffer: image,
    };
    const started = performance.now();
    const { analysis } = await RequestContext.create(em, () =>
      detections.detectOne(file, { toolkit_id: '1', confidence }),
    );
    return { ms: performance.now() - started, cached: analysis.cached };
  };
  const rows = [];
  try {
    for (const photo of photos) {
      await detect(photo.warmUp, 0.41);
      await detect(photo.warmUp, 0.41);
      const miss = [];
      const hit = [];
      for (const [i, image] of photo.images.entries()) {
        const confidence = 0.42 + i / 1000; // never asked for over HTTP: a miss
        const first = await detect(image, confidence);
        const again = await detect(image, confidence);
        if (first.cached || !again.cached) throw new Error('unexpected cache state');
        miss.push(first.ms);
        hit.push(again.ms);
      }
      rows.push({ name: photo.name, miss: median(miss), hit: median(hit) });
    }
  } finally {
    await app.close();
  }
  return rows;
}
