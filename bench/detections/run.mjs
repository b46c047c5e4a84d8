// Detections benchmark: where the time of one tool detection goes, per photo (640×480 and 1920×1080 JPEG, eleven
// tools). In process (production build, real registry, local storage driver): decode + letterbox (one libvips
// pipeline; the former two steps beside it), ONNX Runtime through the registry, YOLO decoding + thresholds + NMS,
// storing the photo and boxes, and drawing the annotated JPEG on the first open of its URL; next to a raw
// InferenceSession.run of the same tensor. Over HTTP (BENCH_HTTP=0 skips it; needs PostgreSQL and Redis):
// POST /api/v1/detections uncached (a new photo each time) and cached (the same photo again), and the GETs of the
// annotated images, each timed by the client and inside the server.
// Medians of BENCH_ITERATIONS (default 20) passes per photo, one intra-op thread, milliseconds.
//   npm run bench:detections
import { benchmarkHttp } from './http.mjs';
import { benchmarkPhotos, benchmarkPipeline } from './pipeline.mjs';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 20);
const photos = await benchmarkPhotos(iterations);
const ms = (value) => (value === undefined ? '—' : value.toFixed(1));
const ratio = (a, b) => (a === undefined ? '—' : `${(a / b).toFixed(2)}×`);

const pipeline = await benchmarkPipeline(photos, iterations);
const http = process.env.BENCH_HTTP === '0' ? [] : await benchmarkHttp(photos);
console.log(
  `\nIn process: median of ${iterations} passes per photo, ms (one ONNX Runtime intra-op thread).`,
);
console.log(
  'core = decode+letterbox + ORT + decode+NMS; request path = core + storing photo and boxes.\n',
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
    'store photo+boxes': ms(row.store),
    'request path': ms(row.total),
    'request path / core': ratio(row.total, row.core),
    'draw on first GET': ms(row.draw),
  })),
);
if (http.length > 0) {
  console.log(
    '\nOver HTTP: client time; server = headers parsed to last byte sent; service = DetectionsService.detectOne in' +
      ' process, upload in memory. ms.\n',
  );
  console.table(
    pipeline.map((row, i) => ({
      photo: row.name,
      core: ms(row.core),
      'HTTP uncached': ms(http[i].uncached),
      'HTTP / core': ratio(http[i].uncached, row.core),
      'HTTP cached': ms(http[i].cached),
      'uncached / cached (HTTP)': ratio(http[i].uncached, http[i].cached),
      'server uncached': ms(http[i].server.uncached),
      'server cached': ms(http[i].server.cached),
      'uncached / cached (server)': ratio(http[i].server.uncached, http[i].server.cached),
      'service miss': ms(http[i].service.miss),
      'service hit': ms(http[i].service.hit),
      'miss / hit (service)': ratio(http[i].service.miss, http[i].service.hit),
      'inferenceMs (reported)': ms(http[i].inference),
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
