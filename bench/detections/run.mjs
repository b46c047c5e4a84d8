// Detections benchmark: where the time of one tool detection goes, per photo (640×480 and 1920×1080 JPEG, eleven
// tools): decode + letterbox, ONNX Runtime through the registry, YOLO decoding + thresholds + NMS, drawing the
// annotated JPEG and writing it through the local storage driver, against a raw InferenceSession.run of the same
// tensor. Median of BENCH_ITERATIONS (default 20) passes per photo, one intra-op thread, milliseconds.
//   npm run bench:detections
import { benchmarkPhotos, benchmarkPipeline } from './pipeline.mjs';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 20);
const photos = await benchmarkPhotos();
console.log(`In process, median of ${iterations} passes per photo, ms (one intra-op thread):\n`);
console.table(await benchmarkPipeline(photos, iterations));
