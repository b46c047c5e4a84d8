// Detections benchmark: where the time of one tool detection goes, per photo (640×480 and 1920×1080 JPEG, eleven
// tools). In process (production build, real registry, local storage driver): decode + letterbox (one libvips
// pipeline; the former two steps beside it), ONNX Runtime through the registry, YOLO decoding + thresholds + NMS,
// storing the photo (on the request path) and the boxes (after it), and drawing the annotated JPEG on the first open of its URL; next to a raw
// InferenceSession.run of the same tensor. Over HTTP (BENCH_HTTP=0 skips it; needs PostgreSQL and Redis), interleaved
// with the in-process core and a bare node:http server given the same upload (the transport floor):
// POST /api/v1/detections uncached (a new photo each time) and cached (the same photo again), and the GETs of the
// annotated images, each timed by the client (node:http, kept-alive, prebuilt multipart bodies) and inside the
// server. BENCH_PROF=1 writes the app's CPU profile to /tmp/prof. BENCH_DETECTOR=yolov8n-cost measures the
// YOLOv8n-cost stand-in of the detector (same detections, the ONNX cost of a YOLOv8n export; detector.mjs) instead
// of the shipped one, everywhere: in process, in the app and in its service.
// Medians of BENCH_ITERATIONS (default 20) passes per photo, one intra-op thread, milliseconds.
//   npm run bench:detections
//   BENCH_DETECTOR=yolov8n-cost npm run bench:detections
import { benchDetector } from './detector.mjs';
import { benchmarkHttp } from './http.mjs';
import { benchmarkPhotos, benchmarkPipeline } from './pipeline.mjs';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 20);
const detector = await benchDetector();
const photos = await benchmarkPhotos(iterations);
const ms = (value) => (value === undefined ? '—' : value.toFixed(1));
const ratio = (a, b) => (a === undefined ? '—' : `${(a / b).toFixed(2)}×`);

let pipeline;
let http;
try {
  pipeline = await benchmarkPipeline(photos, iterations, detector.modelsDir);
  http = process.env.BENCH_HTTP === '0' ? [] : await benchmarkHttp(photos, detector.modelsDir);
} finally {
  detector.dispose();
}
console.log(`\nDetector: ${detector.label}.`);
console.log(
  `In process: median of ${iterations} passes per photo, ms (one ONNX Runtime intra-op thread).`,
);
console.log(
  'core = decode+letterbox + ORT + decode+NMS; request path = core + waiting for the photo to be stored (the' +
    ' boxes are stored after the answer).\n',
);
console.table(
  pipeline.map((row) => ({
    photo: row.name,
    tools: row.detections,
    'decode+letterbox (2 steps, before)': ms(row.twoStep),
    'decode+letterbox': ms(row.decode),
    'ORT (registry)': ms(row.run),
    'raw session.run': ms(row.raw),
    'decode+NMS': row.post.toFixed(2),
    core: ms(row.core),
    'store photo (after detector)': ms(row.store),
    'store boxes (after answer)': ms(row.boxes),
    'request path': ms(row.total),
    'request path / core': ratio(row.total, row.core),
    'draw on first GET': ms(row.draw),
  })),
);
if (http.length > 0) {
  console.log(
    '\nOver HTTP, interleaved with the in-process core (one of each per photo, in turn): client time' +
      ' (node:http, kept-alive connection, body built once); server = headers parsed to last byte sent;' +
      ' floor = the same upload to a bare node:http server; service = DetectionsService.detectOne in process,' +
      ' upload in memory (a hit from memory). Cached: right after the detection of that photo, and back to back.' +
      ' Medians, ms; HTTP / core also as the median of per-photo ratios.\n',
  );
  console.table(
    http.map((row) => ({
      photo: row.name,
      core: ms(row.core),
      'HTTP uncached': ms(row.uncached),
      'HTTP / core': ratio(row.uncached, row.core),
      'HTTP / core (per photo)': `${row.pairRatio.toFixed(2)}×`,
      'ORT in core': ms(row.inference.core),
      'ORT in server (inferenceMs)': ms(row.inference.server),
      'HTTP cached': ms(row.cached),
      'uncached / cached (HTTP)': ratio(row.uncached, row.cached),
      'HTTP cached, back to back': ms(row.burst),
      'uncached / back to back': ratio(row.uncached, row.burst),
      floor: ms(row.floor),
      'server uncached': ms(row.server.uncached),
      'server cached': ms(row.server.cached),
      'server back to back': ms(row.server.burst),
      'server floor': ms(row.server.floor),
      'uncached / cached (server)': ratio(row.server.uncached, row.server.cached),
      'service miss': ms(row.service.miss),
      'service hit': ms(row.service.hit),
      'miss / hit (service)': ratio(row.service.miss, row.service.hit),
    })),
  );
  console.log(
    '\nCached repeats on a second connection while new detections run one after another on the first' +
      ` (detector runs ${process.env.INFERENCE_OWN_THREAD_MODELS === 'none' ? 'on the event loop: INFERENCE_OWN_THREAD_MODELS=none' : 'in a thread of their own'}). ms.\n`,
  );
  console.table(
    http.map(({ name, during }) => ({
      photo: name,
      'detection: median': ms(during.uncached.median),
      'detection: p95': ms(during.uncached.p95),
      'cached meanwhile: median': ms(during.cached.median),
      'cached meanwhile: p95': ms(during.cached.p95),
      'cached answered meanwhile': during.cached.count,
      'detection / cached (medians)': ratio(during.uncached.median, during.cached.median),
    })),
  );
  console.table(
    http.map((row) => ({
      photo: row.name,
      'GET media, first (draws)': ms(row.firstGet),
      'server, first': ms(row.server.firstGet),
      'GET media, again (stored)': ms(row.repeatGet),
      'server, again': ms(row.server.repeatGet),
    })),
  );
}
