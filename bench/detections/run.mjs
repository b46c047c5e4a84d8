// Detections benchmark: where the time of one tool detection goes, per photo (640×480 and 1920×1080 JPEG, eleven
// tools). In process (production build, real registry, local storage driver): decode + letterbox, ONNX Runtime
// through the registry, YOLO decoding + thresholds + NMS, drawing the annotated JPEG, writing it to storage, next
// to a raw InferenceSession.run of the same tensor. Over HTTP (BENCH_HTTP=0 skips it; needs PostgreSQL and Redis):
// POST /api/v1/detections uncached (a new photo each time) and cached (the same photo again).
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
console.log(`\nMedian of ${iterations} passes per photo, ms (one ONNX Runtime intra-op thread):\n`);
console.table(
  pipeline.map((row) => ({
    photo: row.name,
    tools: row.detections,
    'decode+letterbox': ms(row.decode),
    'ORT (registry)': ms(row.run),
    'raw session.run': ms(row.raw),
    'decode+NMS': row.post.toFixed(2),
    drawing: ms(row.draw),
    storage: ms(row.store),
    'in process (sum)': ms(row.total),
    'in process / raw': ratio(row.total, row.raw),
  })),
);
if (http.length > 0) {
  console.table(
    pipeline.map((row, i) => ({
      photo: row.name,
      'raw session.run': ms(row.raw),
      'in process (sum)': ms(row.total),
      'HTTP uncached': ms(http[i].uncached),
      'HTTP cached': ms(http[i].cached),
      'HTTP / raw': ratio(http[i].uncached, row.raw),
      'HTTP / in process': ratio(http[i].uncached, row.total),
      'inferenceMs (reported)': ms(http[i].inference),
    })),
  );
}
