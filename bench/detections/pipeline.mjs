// In-process part of the detections benchmark: per photo, the time of each stage of the tool detection pipeline
// (ToolDetector and AnnotatedImages from the production build, a real ModelRegistry, the local storage driver)
// next to a raw InferenceSession.run on the same letterboxed tensor and the former two-step decode + letterbox,
// interleaved so that drift hits all alike. Drawing is timed where it now happens: the first open of a media name.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const dist = (path) => require(join(root, 'dist', path));

const { InferenceSession, Tensor } = require('onnxruntime-node');
const inference = dist('libs/inference/src');
const { AppConfig, validateEnvironment } = dist('src/config');
const { ToolDetector, TOOL_DETECTOR_MODEL } = dist('src/tools/detection/tool-detector.js');
const { ToolClassThresholds } = dist('src/tools/detection/tool-class-thresholds.js');
const { AnnotatedImages } = dist('src/tools/media/annotated-images.js');
const { layoutToolkit, renderToolkitPhoto, TOOL_CLASS_NAMES } = dist('src/tools/demo');
const { LocalObjectStorage } = dist('src/storage/local/local-object-storage.js');
const { PresignedUrlSigner } = dist('src/storage/local/presigned-url-signer.js');
const { ObjectKeys } = dist('src/storage/object-keys.js');

const median = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Per size, `count` distinct photos (all eleven tools, JPEG quality 88) and one more to warm up with. */
export async function benchmarkPhotos(count) {
  const photos = [];
  for (const [width, height] of [
    [640, 480],
    [1920, 1080],
  ]) {
    const images = [];
    for (let seed = 1; seed <= count + 1; seed++) {
      const tools = layoutToolkit({ width, height, classes: [...TOOL_CLASS_NAMES], seed });
      images.push((await renderToolkitPhoto({ width, height, tools, seed })).image);
    }
    const kib = images.reduce((sum, image) => sum + image.length, 0) / images.length / 1024;
    photos.push({
      name: `${width}×${height} JPEG (~${kib.toFixed(0)} KiB)`,
      warmUp: images.pop(),
      images,
    });
  }
  return photos;
}

/**
 * The configuration the in-process parts run with: the production defaults, storage in `storageDir`, models from
 * `modelsDir` (see detector.mjs).
 */
export const benchConfig = (storageDir, modelsDir) =>
  new AppConfig(
    validateEnvironment({
      DATABASE_URL: 'postgres://unused/unused',
      STORAGE_LOCAL_DIR: storageDir,
      MODELS_DIR: modelsDir,
      LOG_LEVEL: 'warn',
      INFERENCE_OWN_THREAD_MODELS: process.env.INFERENCE_OWN_THREAD_MODELS,
    }),
    'cli',
  );

/** The production ToolDetector on a real registry, its session options from `config` as the app's are. */
export async function loadToolDetector(config) {
  const { intraOpThreads, interOpThreads, ownThreadModels } = config.inference;
  const modelPath = join(config.inference.modelsDir, 'tool-detector/1.0.0.onnx');
  const registry = new inference.ModelRegistry({ intraOpThreads, interOpThreads, ownThreadModels });
  await registry.load(TOOL_DETECTOR_MODEL, '1.0.0', modelPath);
  const detector = new ToolDetector(registry, new ToolClassThresholds(config), config);
  return { detector, registry, modelPath };
}

export async function benchmarkPipeline(photos, iterations, modelsDir) {
  const storageDir = mkdtempSync(join(tmpdir(), 'bench-detections-'));
  const config = benchConfig(storageDir, modelsDir);
  const { detector, registry, modelPath } = await loadToolDetector(config);
  const raw = await InferenceSession.create(readFileSync(modelPath), {
    intraOpNumThreads: config.inference.intraOpThreads,
    interOpNumThreads: config.inference.interOpThreads,
  });
  const keys = new ObjectKeys();
  const storage = new LocalObjectStorage(
    config,
    keys,
    new PresignedUrlSigner('bench-signing-secret-0123456789'),
  );
  await storage.onModuleInit();
  const images = new AnnotatedImages(storage, detector);
  const drain = async (file) => {
    for await (const chunk of file.getStream()) void chunk;
  };
  const rows = [];
  try {
    for (const photo of photos) {
      const decoded = await inference.decodeImage(photo.images[0]);
      const tensor = await inference.letterboxImage(decoded, { width: 640, height: 640 });
      const stages = {
        twoStep: [],
        decode: [],
        run: [],
        post: [],
        store: [],
        boxes: [],
        draw: [],
        raw: [],
      };
      let detections = 0;
      for (let i = -3; i < iterations; i++) {
        // Each pass gets its own buffer, as each request would.
        const image = Buffer.from(photo.images[0]);
        // As ToolkitAnalysisService does: the photo is written while the detector runs.
        const sha256 = createHash('sha256').update(image).digest('hex');
        const kept = images.keepPhoto(image, sha256);
        const outcome = await detector.detect(image, { confidence: 0.5 });
        const storeStarted = performance.now();
        await kept;
        // The boxes are written after the name is handed out (off the request path): timed apart.
        const { name, stored: written } = images.register({
          photoSha256: sha256,
          detections: outcome.detections,
          labels: outcome.detections.map((detection) => detection.className),
        });
        const registered = performance.now();
        if (!(await written)) throw new Error(`the boxes of ${name} were not stored`);
        const stored = performance.now();
        await drain(await images.open(name));
        const drawn = performance.now();
        // The stages outside the request path last, so that their garbage is not collected inside its timings.
        const twoStepStarted = performance.now();
        await inference.letterboxImage(await inference.decodeImage(image), {
          width: 640,
          height: 640,
        });
        const twoStepMs = performance.now() - twoStepStarted;
        // A tensor just written, as the pipeline's letterbox output is when the registry runs it.
        const feeds = {
          images: new Tensor('float32', Float32Array.from(tensor.data), [...tensor.dims]),
        };
        const rawStarted = performance.now();
        await raw.run(feeds);
        const rawMs = performance.now() - rawStarted;
        if (i < 0) continue; // warm-up
        detections = outcome.detections.length;
        stages.twoStep.push(twoStepMs);
        stages.decode.push(outcome.timings.decodeLetterboxMs);
        stages.run.push(outcome.timings.inferenceMs);
        stages.post.push(outcome.timings.postprocessMs);
        stages.store.push(registered - storeStarted);
        stages.boxes.push(stored - registered);
        stages.draw.push(drawn - stored);
        stages.raw.push(rawMs);
      }
      const m = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, median(v)]));
      // Sums of stage medians: steadier than the median of whole passes on a shared machine.
      const core = m.decode + m.run + m.post;
      rows.push({ name: photo.name, detections, ...m, core, total: core + m.store });
    }
  } finally {
    await raw.release();
    await registry.close();
    rmSync(storageDir, { recursive: true, force: true });
  }
  return rows;
}
